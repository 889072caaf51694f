package de.stadtwerk.hub.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalBuilderTest {

    private static final SignalThresholds DEFAULTS = SignalThresholds.defaults();

    @Test
    void thresholdsAreInclusiveLowerBounds() {
        assertThat(DEFAULTS.level(0.5)).isEqualTo(SignalLevel.GREEN);
        assertThat(DEFAULTS.level(0.4999)).isEqualTo(SignalLevel.YELLOW);
        assertThat(DEFAULTS.level(0.25)).isEqualTo(SignalLevel.YELLOW);
        assertThat(DEFAULTS.level(0.2499)).isEqualTo(SignalLevel.RED);
        assertThat(DEFAULTS.level(Double.NaN)).isEqualTo(SignalLevel.RED);
        SignalThresholds byAvailability = new SignalThresholds(SignalThresholds.Metric.AVAILABILITY, 0.3, 0.1);
        assertThat(byAvailability.level(400, 100, 1000)).isEqualTo(SignalLevel.GREEN);
        assertThat(byAvailability.level(50, 100, 1000)).isEqualTo(SignalLevel.RED);
        assertThatThrownBy(() -> new SignalThresholds(SignalThresholds.Metric.COVERAGE, 0.2, 0.3))
                .hasMessageContaining("yellow-from < green-from");
    }

    @Test
    void hoursCarryCoverageAvailabilityAndLevel() {
        Instant t = Instant.parse("2024-06-10T10:00:00Z");
        EnergiewetterSignal s = new SignalBuilder(DEFAULTS, 1, StandardLoadModel.BERLIN).build("wuppertal", t, 1000,
                List.of(new HourlyExpectation(t, t.plusSeconds(3600), 300, 100, 800)));
        SignalHour h = s.hours().get(0);
        assertThat(h.generationW()).isEqualTo(400);
        assertThat(h.coverage()).isEqualTo(0.5);
        assertThat(h.availability()).isEqualTo(0.4);
        assertThat(h.level()).isEqualTo(SignalLevel.GREEN);
        assertThat(h.bestWindow()).isTrue();
    }

    @Test
    void bestWindowIsTheBestConsecutiveRunPerLocalDay() {
        // two local days (Europe/Berlin, CEST): 2024-06-09T22:00Z .. 2024-06-11T22:00Z
        Instant start = Instant.parse("2024-06-09T22:00:00Z");
        double[] coverage = new double[48];
        coverage[10] = 0.9; // day 1: hours 9-11 local are the best run of three (0.6+0.9+0.6), not the single peak
        coverage[9] = 0.6;
        coverage[11] = 0.6;
        coverage[20] = 1.0;
        coverage[30] = 0.7; // day 2: tie between 5-7 and 14-16 (sum 0.7 each) -> the earlier one
        coverage[38] = 0.7;
        List<HourlyExpectation> in = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            Instant s = start.plusSeconds(3600L * i);
            in.add(new HourlyExpectation(s, s.plusSeconds(3600), coverage[i] * 1000, 0, 1000));
        }
        EnergiewetterSignal s = new SignalBuilder(DEFAULTS, 3, StandardLoadModel.BERLIN).build("a", start, 5000, in);
        assertThat(s.bestWindows()).hasSize(2);
        BestWindow first = s.bestWindows().get(0);
        assertThat(first.day()).isEqualTo(LocalDate.of(2024, 6, 10));
        assertThat(first.start()).isEqualTo(start.plusSeconds(3600L * 9));
        assertThat(first.end()).isEqualTo(start.plusSeconds(3600L * 12));
        assertThat(first.meanValue()).isEqualTo((0.6 + 0.9 + 0.6) / 3);
        assertThat(first.level()).isEqualTo(SignalLevel.GREEN);
        assertThat(s.bestWindows().get(1).start()).isEqualTo(start.plusSeconds(3600L * 28));
        assertThat(s.hours().stream().filter(SignalHour::bestWindow).count()).isEqualTo(6);
    }

    @Test
    void aDayShorterThanTheWindowHasNone() {
        Instant start = Instant.parse("2024-06-10T20:00:00Z"); // 22:00 and 23:00 local, then two hours of the next day
        List<HourlyExpectation> in = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Instant s = start.plusSeconds(3600L * i);
            in.add(new HourlyExpectation(s, s.plusSeconds(3600), 100, 0, 1000));
        }
        EnergiewetterSignal s = new SignalBuilder(DEFAULTS, 3, StandardLoadModel.BERLIN).build("a", start, 5000, in);
        assertThat(s.bestWindows()).isEmpty();
        assertThatThrownBy(() -> new SignalBuilder(DEFAULTS, 0, StandardLoadModel.BERLIN)).hasMessageContaining("1..24");
    }
}
