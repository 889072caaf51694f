package de.stadtwerk.hub.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindModelTest {

    private final PowerCurve curve = PowerCurve.typical(3e6);

    @Test
    void typicalCurveHasCutInRatedAndCutOut() {
        assertThat(curve.fraction(2.9)).isZero();
        assertThat(curve.fraction(3.0)).isZero();
        assertThat(curve.fraction(7.5)).isCloseTo((7.5 * 7.5 * 7.5 - 27) / (12.0 * 12 * 12 - 27), within(1e-9));
        assertThat(curve.fraction(12.0)).isEqualTo(1.0);
        assertThat(curve.fraction(24.9)).isEqualTo(1.0);
        assertThat(curve.fraction(25.0)).isZero();
        assertThat(curve.fraction(30.0)).isZero();
    }

    @Test
    void ratedSpeedDependsOnTheSizeClass() {
        assertThat(PowerCurve.typical(800e3).fraction(12.0)).isLessThan(1.0);
        assertThat(PowerCurve.typical(5e6).fraction(11.5)).isEqualTo(1.0);
    }

    @Test
    void curveIsMonotonicUpToCutOut() {
        double previous = 0;
        for (double v = 0; v < 25; v += 0.1) {
            double f = curve.fraction(v);
            assertThat(f).isGreaterThanOrEqualTo(previous - 1e-12);
            previous = f;
        }
    }

    @Test
    void configuredCurveInterpolatesLinearly() {
        PowerCurve c = PowerCurve.parse("3:0, 5:0.1, 9:0.6, 12:1", 3, 22);
        assertThat(c.fraction(7)).isCloseTo(0.35, within(1e-9));
        assertThat(c.fraction(15)).isEqualTo(1.0);
        assertThat(c.fraction(22)).isZero();
        assertThatThrownBy(() -> PowerCurve.parse("3:0, five:0.1", 3, 25)).hasMessageContaining("'five:0.1'");
        assertThatThrownBy(() -> PowerCurve.parse("3:0, 5:1.4", 3, 25)).hasMessageContaining("0..1");
        assertThatThrownBy(() -> PowerCurve.parse("5:0, 3:0.1", 3, 25)).hasMessageContaining("increase");
    }

    @Test
    void smoothedFleetCurveProducesBelowCutInAndLessAtRated() {
        PowerCurve fleet = curve.smoothed(0.3);
        assertThat(fleet.fraction(2.5)).isPositive();
        assertThat(fleet.fraction(12.0)).isBetween(0.7, 0.99);
        assertThat(fleet.fraction(7.5)).isCloseTo(curve.fraction(7.5), within(0.08));
    }

    @Test
    void windProfilesExtrapolateToHubHeight() {
        assertThat(WindProfile.powerLaw(1.0 / 7).atHeight(5.0, 100)).isCloseTo(5.0 * Math.pow(10, 1.0 / 7), within(1e-9));
        assertThat(WindProfile.logarithmic(0.1).atHeight(5.0, 100)).isCloseTo(5.0 * Math.log(1000) / Math.log(100), within(1e-9));
        assertThat(WindProfile.powerLaw(0.2).atHeight(0.0, 100)).isZero();
        assertThatThrownBy(() -> WindProfile.logarithmic(20)).hasMessageContaining("roughness");
    }

    @Test
    void turbinePowerFromTenMetreWind() {
        WindTurbine t = WindTurbine.typical("wea-1", 3e6, 100);
        WindModel m = WindModel.uniform(WindProfile.powerLaw(0.2));
        Instant s = Instant.parse("2024-01-10T12:00:00Z");
        WeatherHour calm = new WeatherHour(s, s.plusSeconds(3600), null, null, null, 2.0, 1.5);
        WeatherHour fresh = new WeatherHour(s, s.plusSeconds(3600), null, null, null, 2.0, 8.0);
        WeatherHour storm = new WeatherHour(s, s.plusSeconds(3600), null, null, null, 2.0, 17.0);
        assertThat(m.power(t, calm)).isZero();
        assertThat(m.power(t, fresh)).isEqualTo(3e6); // 8 m/s at 10 m is 12.7 m/s at 100 m
        assertThat(m.power(t, storm)).isZero(); // 27 m/s: cut-out
        assertThatThrownBy(() -> WindTurbine.typical("x", 3e6, 5)).hasMessageContaining("hub height");
    }
}
