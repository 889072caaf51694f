package de.stadtwerk.hub.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import de.stadtwerk.hub.store.ReadingSpan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CounterCheckTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final String SERIES = "m-1.energy_import.1-0:1.8.0";

    @ParameterizedTest(name = "{0} then {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        // previous   | value        | verdict  | counted
        "1000         | 1000         | OK       | 0",
        "1000         | 1010.5       | OK       | 10.5",
        "1000.0000000001 | 1000      | OK       | 0",       // double rounding of a unit conversion is no decrease
        "1000         | 999          | DECREASE | NaN",
        "99987000     | 12000        | ROLLOVER | 25000",   // 5-digit kWh register (in Wh) wraps at 10^5 kWh
        "99999.5      | 0.25         | ROLLOVER | 0.75",    // water register in m3
        "9990         | 3            | ROLLOVER | 13",
        "999000       | 0            | ROLLOVER | 1000",
        "54321        | 12           | DECREASE | NaN",     // mid-register: a meter exchange or an error, no wrap
        "95000000     | 20000000     | DECREASE | NaN",     // the new value is not near zero
        "100000       | 5            | DECREASE | NaN",     // 10^5 exactly: the register goes to 10^6
        "0            | 0            | OK       | 0",
    })
    void judgesConsecutiveReadings(double previous, double value, CounterCheck.Verdict verdict, double counted) {
        assertThat(CounterCheck.judge(previous, value)).isEqualTo(verdict);
        if (Double.isNaN(counted)) {
            assertThat(CounterCheck.delta(previous, value)).isNaN();
        } else {
            assertThat(CounterCheck.delta(previous, value)).isCloseTo(counted, within(1e-6));
        }
    }

    /** A store view that records what it was asked. */
    private static final class Store implements CounterCheck.History {
        final Map<String, NavigableMap<Instant, Double>> rows = new HashMap<>();
        final List<Map<String, ReadingSpan>> asked = new ArrayList<>();

        Store with(String series, int minutes, double value) {
            rows.computeIfAbsent(series, s -> new TreeMap<>()).put(T0.plusSeconds(60L * minutes), value);
            return this;
        }

        @Override
        public Map<String, NavigableMap<Instant, Double>> readings(Map<String, ReadingSpan> spans) {
            asked.add(Map.copyOf(spans));
            Map<String, NavigableMap<Instant, Double>> out = new HashMap<>();
            spans.forEach((s, span) -> {
                NavigableMap<Instant, Double> all = rows.getOrDefault(s, new TreeMap<>());
                TreeMap<Instant, Double> r = new TreeMap<>(all.subMap(span.from(), true, span.to(), true));
                if (all.lowerEntry(span.from()) != null) {
                    r.put(all.lowerKey(span.from()), all.lowerEntry(span.from()).getValue());
                }
                if (all.higherEntry(span.to()) != null) {
                    r.put(all.higherKey(span.to()), all.higherEntry(span.to()).getValue());
                }
                out.put(s, r);
            });
            return out;
        }

        void store(List<Observation> written) {
            written.forEach(o -> rows.computeIfAbsent(o.seriesId(), s -> new TreeMap<>()).put(o.start(), o.value()));
        }
    }

    private static Observation reading(String series, int minutes, double wh) {
        Instant at = T0.plusSeconds(60L * minutes);
        return new Observation(series, "m-1", "energy_import", wh, "Wh", at, at, Quality.MEASURED, "test", at);
    }

    private static List<Quality> qualities(CounterCheck.Result r) {
        return r.observations().stream().map(Observation::quality).toList();
    }

    @Test
    void readingsOfOneBatchAreComparedInTimeOrderNotArrivalOrder() {
        Store store = new Store();
        CounterCheck.Result r = new CounterCheck(0).check(List.of(reading(SERIES, 3, 1020), reading(SERIES, 1, 1000),
                reading(SERIES, 2, 990)), store, true);
        assertThat(qualities(r)).containsExactly(Quality.MEASURED, Quality.MEASURED, Quality.INVALID);
        assertThat(r.flags()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(CounterCheck.DECREASE);
            assertThat(f.reason()).contains("990.0 Wh is below the previous reading 1000.0");
        });
        assertThat(store.asked).hasSize(1);
        assertThat(store.asked.get(0)).containsEntry(SERIES, new ReadingSpan(T0.plusSeconds(60), T0.plusSeconds(180)));
    }

    @Test
    void theFirstReadingOfABatchIsComparedWithTheLatestStoredBeforeIt() {
        Store store = new Store().with(SERIES, 0, 1000).with("m-2.volume", 0, 99_999.2);
        Observation water = new Observation("m-2.volume", "m-2", "volume", 0.3, "m3", T0.plusSeconds(60),
                T0.plusSeconds(60), Quality.MEASURED, "test", T0);
        CounterCheck.Result r = new CounterCheck(0).check(List.of(reading(SERIES, 1, 900), water), store, true);
        assertThat(qualities(r)).containsExactly(Quality.INVALID, Quality.SUSPECT);
        assertThat(r.flags()).extracting(CounterCheck.Flag::check)
                .containsExactlyInAnyOrder(CounterCheck.DECREASE, CounterCheck.ROLLOVER);
        assertThat(r.flags()).filteredOn(f -> f.check().equals(CounterCheck.ROLLOVER)).singleElement()
                .satisfies(f -> assertThat(f.reason()).contains("register wraps at 100000.0"));
        assertThat(store.asked).as("one question for both series").hasSize(1);
        assertThat(store.asked.get(0)).containsOnlyKeys(SERIES, "m-2.volume");
    }

    @Test
    void aLateReadingIsComparedWithTheStoredReadingJustBeforeIt() {
        Store store = new Store().with(SERIES, 0, 1000).with(SERIES, 10, 1100);
        CounterCheck check = new CounterCheck(0);
        assertThat(qualities(check.check(List.of(reading(SERIES, 5, 1050)), store, true))).containsExactly(Quality.MEASURED);
        assertThat(qualities(check.check(List.of(reading(SERIES, 5, 950)), store, true))).containsExactly(Quality.INVALID);
        // the reading after the gap compared with the late one in the same batch, not with the stored one
        assertThat(qualities(check.check(List.of(reading(SERIES, 5, 1050), reading(SERIES, 7, 1040)), store, true)))
                .containsExactly(Quality.MEASURED, Quality.INVALID);
    }

    @Test
    void aRedeliveredReadingIsJudgedAsTheFirstTimeNotAgainstItself() {
        Store store = new Store().with(SERIES, 0, 1000).with(SERIES, 1, 900);
        assertThat(qualities(new CounterCheck(0).check(List.of(reading(SERIES, 1, 900)), store, true)))
                .containsExactly(Quality.INVALID);
        // a repeated key in one batch: the last one counts (the store keeps the last one too)
        assertThat(qualities(new CounterCheck(0).check(List.of(reading(SERIES, 2, 800), reading(SERIES, 2, 950)), store, true)))
                .containsExactly(Quality.MEASURED, Quality.MEASURED);
    }

    @Test
    void otherQuantitiesIntervalsForecastsAndWorseQualitiesAreLeftAlone() {
        CounterCheck.History none = spans -> {
            throw new AssertionError("no counter reading, no question: " + spans);
        };
        Observation temp = new Observation("ws.t", "ws", "temperature", -5, "Cel", T0, T0, Quality.MEASURED, "t", T0);
        Observation interval = new Observation("m-1.energy_import", "m-1", "energy_import", 10, "Wh", T0,
                T0.plusSeconds(900), Quality.MEASURED, "t", T0);
        CounterCheck.Result r = new CounterCheck(0).check(List.of(temp, interval), none, true);
        assertThat(r.observations()).containsExactly(temp, interval);

        Store store = new Store().with(SERIES, 0, 1000);
        Observation bad = reading(SERIES, 1, 0).withQuality(Quality.INVALID);
        Observation forecast = reading(SERIES, 2, 5).withQuality(Quality.FORECAST);
        CounterCheck.Result kept = new CounterCheck(0).check(List.of(bad, forecast), store, true);
        assertThat(qualities(kept)).containsExactly(Quality.INVALID, Quality.FORECAST);
        assertThat(kept.flags()).isEmpty();
    }

    @Test
    void theCacheAnswersForNewerReadingsAndTheStoreForLateOnes() {
        Store store = new Store().with(SERIES, 0, 1000);
        CounterCheck check = new CounterCheck(100);
        CounterCheck.Result first = check.check(List.of(reading(SERIES, 1, 1010)), store, true);
        store.store(first.observations());
        check.finished(first, true);
        assertThat(store.asked).hasSize(1);

        CounterCheck.Result second = check.check(List.of(reading(SERIES, 2, 1005)), store, true);
        assertThat(store.asked).as("newer than the cached reading: no question").hasSize(1);
        assertThat(qualities(second)).containsExactly(Quality.INVALID);
        store.store(second.observations());
        check.finished(second, true);

        CounterCheck.Result late = check.check(List.of(reading(SERIES, 1, 1010)), store, true);
        assertThat(store.asked).as("not newer than the cached reading: the store").hasSize(2);
        assertThat(qualities(late)).containsExactly(Quality.MEASURED);

        check.check(List.of(reading(SERIES, 3, 1020)), store, false);
        assertThat(store.asked).as("inside a bulk write the cache is not used").hasSize(3);
    }

    @Test
    void aBatchWithALaterStoredReadingIsNotCached() {
        Store store = new Store().with(SERIES, 0, 1000).with(SERIES, 10, 1100);
        CounterCheck check = new CounterCheck(100);
        CounterCheck.Result late = check.check(List.of(reading(SERIES, 5, 1050)), store, true);
        assertThat(late.newest()).isEmpty();
        check.finished(late, true);
        // had the late reading been cached, 1080 would pass against 1050; the stored 1100 makes it a decrease
        assertThat(qualities(check.check(List.of(reading(SERIES, 11, 1080)), store, true))).containsExactly(Quality.INVALID);
        assertThat(store.asked).hasSize(2);
    }

    @Test
    void aBatchSeesTheUncommittedReadingsOfTheBatchCheckedBeforeIt() {
        Store store = new Store().with(SERIES, 0, 1000);
        CounterCheck check = new CounterCheck(0);
        CounterCheck.Result first = check.check(List.of(reading(SERIES, 1, 1050)), store, true); // not yet committed
        CounterCheck.Result second = check.check(List.of(reading(SERIES, 2, 1020)), store, true);
        assertThat(qualities(second)).as("compared with the batch in work, not with the stored 1000")
                .containsExactly(Quality.INVALID);
        check.finished(first, false); // its write failed: its reading no longer counts
        check.finished(second, false);
        assertThat(qualities(check.check(List.of(reading(SERIES, 2, 1020)), store, true))).containsExactly(Quality.MEASURED);
    }

    @Test
    void withoutCacheEveryBatchAsksTheStore() {
        Store store = new Store().with(SERIES, 0, 1000);
        CounterCheck check = new CounterCheck(0);
        for (int i = 1; i <= 3; i++) {
            CounterCheck.Result r = check.check(List.of(reading(SERIES, i, 1000 + i)), store, true);
            store.store(r.observations());
            check.finished(r, true);
        }
        assertThat(store.asked).hasSize(3);
    }

    @Test
    void manyReadingsOfOneSeriesInAnyOrderAreComparedInTimeOrder() {
        List<Observation> batch = new ArrayList<>();
        for (int t = 0; t < 2000; t++) {
            batch.add(reading(SERIES, t, t == 500 || t == 1500 ? 1000 + t - 10 : 1000 + t));
        }
        java.util.Collections.shuffle(batch, new java.util.Random(7));
        CounterCheck.Result r = new CounterCheck(0).check(batch, new Store(), true);
        assertThat(r.flags()).extracting(CounterCheck.Flag::start)
                .containsExactlyInAnyOrder(T0.plusSeconds(60L * 500), T0.plusSeconds(60L * 1500));
        assertThat(r.inFlight()).hasSize(2000);
    }

    @Test
    void aLateReadingIsComparedWithTheReadingsInWorkJustBeforeIt() {
        Store store = new Store().with(SERIES, 0, 1000);
        CounterCheck check = new CounterCheck(0);
        List<Observation> first = new ArrayList<>();
        for (int t = 1; t <= 100; t += 2) {
            first.add(reading(SERIES, t, 1000 + t));
        }
        CounterCheck.Result inWork = check.check(first, store, true);
        // 50 lies between 49 (1049) and 51 (1051) of the batch in work
        assertThat(qualities(check.check(List.of(reading(SERIES, 50, 1048)), store, true))).containsExactly(Quality.INVALID);
        assertThat(qualities(check.check(List.of(reading(SERIES, 50, 1050)), store, true))).containsExactly(Quality.MEASURED);
        check.finished(inWork, false);
    }

    @Test
    void aReadingInWorkAtTheSameInstantBelongsToTheLaterBatch() {
        Store store = new Store().with(SERIES, 0, 1000);
        CounterCheck check = new CounterCheck(0);
        CounterCheck.Result first = check.check(List.of(reading(SERIES, 1, 1050)), store, true);
        CounterCheck.Result second = check.check(List.of(reading(SERIES, 1, 1060)), store, true);
        check.finished(first, false); // must not take the later batch's reading with it
        assertThat(qualities(check.check(List.of(reading(SERIES, 2, 1055)), store, true)))
                .as("compared with the later batch's 1060").containsExactly(Quality.INVALID);
        check.finished(second, false);
        assertThat(qualities(check.check(List.of(reading(SERIES, 2, 1055)), store, true)))
                .as("nothing in work any more: the stored 1000").containsExactly(Quality.MEASURED);
    }
}
