package de.stadtwerk.hub.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PvModelTest {

    private static final PvSystem PLANT = PvSystem.typical("pv-rathaus", 51.26, 7.18, 100_000);
    private static final Instant NOON = Instant.parse("2024-06-21T11:00:00Z");

    private static WeatherHour hour(Instant start, Double ghi, Double sunshine, Double cloud, double temp) {
        return new WeatherHour(start, start.plusSeconds(3600), ghi, sunshine, cloud, temp, 3.0);
    }

    @Test
    void nothingAtNight() {
        assertThat(PvModel.defaults().power(PLANT, hour(Instant.parse("2024-06-21T22:00:00Z"), null, 0.0, 0.0, 15)))
                .isZero();
    }

    @Test
    void clearSummerNoonGivesMostOfTheRatedPower() {
        double p = PvModel.defaults().power(PLANT, hour(NOON, 850.0, null, null, 20));
        assertThat(p).isBetween(65_000.0, 90_000.0);
    }

    @Test
    void moreSunshineMoreCloudLessPower() {
        PvModel m = PvModel.defaults();
        double sunny = m.power(PLANT, hour(NOON, null, 60.0, null, 20));
        double half = m.power(PLANT, hour(NOON, null, 30.0, null, 20));
        double dull = m.power(PLANT, hour(NOON, null, 0.0, null, 20));
        assertThat(sunny).isGreaterThan(half);
        assertThat(half).isGreaterThan(dull);
        assertThat(dull).isPositive();
        double clear = m.power(PLANT, hour(NOON, null, null, 0.0, 20));
        double overcast = m.power(PLANT, hour(NOON, null, null, 8.0, 20));
        assertThat(overcast).isLessThan(0.4 * clear);
    }

    @Test
    void heatDeratesTheModules() {
        PvModel m = PvModel.defaults();
        double cool = m.power(PLANT, hour(NOON, 800.0, null, null, 5));
        double hot = m.power(PLANT, hour(NOON, 800.0, null, null, 35));
        // −0.4 %/K over 30 K: about 12 % less
        assertThat(hot / cool).isBetween(0.85, 0.91);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> PvSystem.typical("x", 50, 10, -1)).hasMessageContaining("rated power");
        assertThatThrownBy(() -> new PvModel(1.5)).hasMessageContaining("overcastFraction");
        assertThatThrownBy(() -> new WeatherHour(NOON, NOON, null, null, null, null, null)).hasMessageContaining("start < end");
    }
}
