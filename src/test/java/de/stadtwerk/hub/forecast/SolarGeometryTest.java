package de.stadtwerk.hub.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SolarGeometryTest {

    @Test
    void matchesThePublishedSpaExample() {
        // Reda & Andreas (2004), NREL SPA, Golden CO, 2003-10-17 12:30:30 local (UTC−7):
        // topocentric zenith 50.11162°, azimuth 194.34024°
        SunPosition sun = SolarGeometry.position(39.742476, -105.1786, Instant.parse("2003-10-17T19:30:30Z"));
        assertThat(sun.zenithDeg()).isCloseTo(50.11162, within(0.5));
        assertThat(sun.azimuthDeg()).isCloseTo(194.34024, within(0.5));
    }

    @Test
    void berlinAtSolarNoonOnTheSummerSolstice() {
        // solar noon in Berlin (52.52 N, 13.405 E) on 2024-06-21 is about 11:08 UTC; elevation 90 − 52.52 + 23.44
        SunPosition sun = SolarGeometry.position(52.52, 13.405, Instant.parse("2024-06-21T11:08:00Z"));
        assertThat(sun.elevationDeg()).isCloseTo(60.92, within(0.5));
        assertThat(sun.azimuthDeg()).isCloseTo(180.0, within(1.5));
        assertThat(sun.declinationDeg()).isCloseTo(23.44, within(0.05));
    }

    @Test
    void morningSunIsInTheEastAndMidnightSunBelowTheHorizon() {
        SunPosition morning = SolarGeometry.position(51.26, 7.18, Instant.parse("2024-03-20T07:00:00Z"));
        assertThat(morning.azimuthDeg()).isBetween(90.0, 130.0);
        assertThat(morning.elevationDeg()).isBetween(5.0, 20.0);
        SunPosition midnight = SolarGeometry.position(51.26, 7.18, Instant.parse("2024-03-20T23:30:00Z"));
        assertThat(midnight.elevationDeg()).isLessThan(-30.0);
        assertThat(midnight.cosZenith()).isZero();
    }

    @Test
    void earthIsNearestTheSunInJanuary() {
        double january = SolarGeometry.position(50, 10, Instant.parse("2024-01-03T12:00:00Z")).earthSunDistanceFactor();
        double july = SolarGeometry.position(50, 10, Instant.parse("2024-07-04T12:00:00Z")).earthSunDistanceFactor();
        assertThat(january).isCloseTo(1.034, within(0.003));
        assertThat(july).isCloseTo(0.967, within(0.003));
    }
}
