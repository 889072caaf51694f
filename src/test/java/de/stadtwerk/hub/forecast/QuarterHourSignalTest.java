package de.stadtwerk.hub.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuarterHourSignalTest {

    private static final Instant T = Instant.parse("2026-06-20T10:00:00Z");
    private static final SignalThresholds THRESHOLDS = SignalThresholds.defaults();

    private static SignalHour hour(int i, double pv, double wind, double load, boolean best) {
        return new SignalHour(T.plusSeconds(3600L * i), T.plusSeconds(3600L * (i + 1)), pv, wind, pv + wind, load,
                (pv + wind) / load, null, THRESHOLDS.level((pv + wind) / load), best);
    }

    private static EnergiewetterSignal signal(List<SignalHour> hours) {
        return new EnergiewetterSignal("a", T, 0, THRESHOLDS.metric(), THRESHOLDS.greenFrom(), THRESHOLDS.yellowFrom(),
                hours, List.of());
    }

    @Test
    void generationIsInterpolatedBetweenHourMiddlesAndLoadKeepsItsHourlyMean() {
        EnergiewetterSignal hourly = signal(List.of(hour(0, 100, 0, 400, false), hour(1, 200, 0, 400, true),
                hour(2, 300, 0, 400, false)));
        Map<Instant, Double> shape = Map.of(T.plusSeconds(3600), 0.8, T.plusSeconds(4500), 1.2,
                T.plusSeconds(5400), 0.9, T.plusSeconds(6300), 1.1);
        List<SignalHour> q = QuarterHourSignal.of(hourly, shape);
        assertThat(q).hasSize(12);
        // hour 1 (200 W at its middle 11:30): quarters at 11:07:30, 11:22:30, 11:37:30, 11:52:30
        assertThat(q.subList(4, 8)).extracting(SignalHour::pvW)
                .containsExactly(162.5, 187.5, 212.5, 237.5);
        double meanPv = q.subList(4, 8).stream().mapToDouble(SignalHour::pvW).average().orElseThrow();
        assertThat(meanPv).isCloseTo(200, within(1e-9));
        assertThat(q.subList(4, 8).stream().mapToDouble(SignalHour::loadW).toArray())
                .containsExactly(new double[] {320, 480, 360, 440}, within(1e-9));
        assertThat(q.subList(4, 8)).allSatisfy(x -> assertThat(x.bestWindow()).isTrue());
        assertThat(q.get(0).pvW()).as("before the first middle: flat").isEqualTo(100);
        assertThat(q.get(4).coverage()).isCloseTo(162.5 / 320, within(1e-9));
        assertThat(q.get(4).level()).as("162.5 / 320 ≥ 0.5").isEqualTo(SignalLevel.GREEN);
        assertThat(q.get(0).level()).as("100 / 400 = 0.25").isEqualTo(SignalLevel.YELLOW);
        assertThat(q.get(1).end()).isEqualTo(q.get(2).start());
    }

    @Test
    void theStandardProfilesShapeTheLoadOnDaylightSavingDaysToo() {
        AreaLoad load = new AreaLoad(StandardLoadModel.forState("nw"), Map.of(LoadProfileId.H0, 3_500_000.0), null,
                null, 28, StandardLoadModel.BERLIN);
        for (LocalDate day : List.of(LocalDate.of(2026, 3, 29), LocalDate.of(2026, 10, 25))) {
            Instant from = day.atStartOfDay(StandardLoadModel.BERLIN).toInstant();
            Instant to = day.plusDays(1).atStartOfDay(StandardLoadModel.BERLIN).toInstant();
            Map<Instant, Double> shape = load.quarterShape(from, to);
            long quarters = shape.keySet().stream().filter(t -> !t.isBefore(from) && t.isBefore(to)).count();
            assertThat(quarters).isEqualTo(day.getMonthValue() == 3 ? 92 : 100);
            for (Instant h = from; h.isBefore(to); h = h.plusSeconds(3600)) {
                double sum = 0;
                for (int i = 0; i < 4; i++) {
                    sum += shape.get(h.plusSeconds(900L * i));
                }
                assertThat(sum / 4).as("factors of the hour " + h).isCloseTo(1.0, within(1e-9));
            }
        }
    }
}
