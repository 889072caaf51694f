package de.stadtwerk.hub.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IrradianceTest {

    private static final SunPosition ZENITH = new SunPosition(90, 180, 0, 1.0);
    private static final SunPosition LOW = new SunPosition(20, 180, 0, 1.0);
    private static final SunPosition NIGHT = new SunPosition(-10, 0, 0, 1.0);

    @Test
    void haurwitzClearSky() {
        assertThat(Irradiance.clearSkyGlobal(ZENITH)).isCloseTo(1098 * Math.exp(-0.057), within(0.01));
        assertThat(Irradiance.clearSkyGlobal(LOW)).isBetween(250.0, 350.0);
        assertThat(Irradiance.clearSkyGlobal(NIGHT)).isZero();
        assertThat(Irradiance.extraterrestrialHorizontal(NIGHT)).isZero();
    }

    @Test
    void erbsSplitsOvercastIntoDiffuseAndClearIntoMostlyDirect() {
        assertThat(Irradiance.erbsDiffuseFraction(0.1)).isCloseTo(0.991, within(0.001));
        assertThat(Irradiance.erbsDiffuseFraction(0.9)).isEqualTo(0.165);
        // continuous at the breakpoints
        assertThat(Irradiance.erbsDiffuseFraction(0.22)).isCloseTo(Irradiance.erbsDiffuseFraction(0.2201), within(0.01));
        Irradiance.Components c = Irradiance.decompose(900, ZENITH);
        assertThat(c.dhi()).isBetween(0.2 * 900, 0.4 * 900); // kt 0.66: Erbs gives a diffuse fraction of about 0.31
        assertThat(c.dni() + c.dhi()).isCloseTo(900, within(1.0));
    }

    @Test
    void horizontalPlaneReceivesTheGlobalIrradianceAndATiltedOneMoreInWinter() {
        Irradiance.Components c = Irradiance.decompose(400, LOW);
        assertThat(PlaneOfArray.irradiance(c, LOW, 0, 180, 0.2)).isCloseTo(400, within(1.0));
        assertThat(PlaneOfArray.irradiance(c, LOW, 45, 180, 0.2)).isGreaterThan(500);
        assertThat(PlaneOfArray.irradiance(c, LOW, 45, 0, 0.2)).isLessThan(PlaneOfArray.irradiance(c, LOW, 0, 180, 0.2));
    }
}
