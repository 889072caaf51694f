package de.stadtwerk.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import de.stadtwerk.hub.ingest.IngestPipeline;
import de.stadtwerk.hub.ingest.IngestResult;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.quarantine.QuarantinedItem;
import de.stadtwerk.hub.transform.AssetRegistry;
import de.stadtwerk.hub.transform.ObservationNormaliser;
import de.stadtwerk.hub.transform.Plausibility;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store's behaviour, run on H2 and on PostgreSQL by the subclasses. */
abstract class ObservationStoreContract {

    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    StoreDatabase db;
    ObservationStore store;
    QuarantineStore quarantine;
    IngestPipeline pipeline;

    abstract StoreDatabase openDatabase();

    void closeDatabase() {
    }

    /** Whether the database reports which upserted rows it changed (PostgreSQL), so repeats can be counted. */
    boolean reportsRowCounts() {
        return false;
    }

    @BeforeEach
    void open() {
        db = openDatabase();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        quarantine = new QuarantineStore(db.dataSource(), clock);
        store = new ObservationStore(db.dataSource(), db.dialect(), quarantine, clock, 100);
        AssetRegistry assets = new AssetRegistry(Path.of("config/assets.csv"));
        assets.reloadIfChanged();
        pipeline = new IngestPipeline(new ObservationNormaliser(assets, Plausibility.defaults(), false), store, clock);
    }

    @AfterEach
    void close() {
        db.close();
        closeDatabase();
    }

    static Observation obs(String series, Instant start, double value) {
        return new Observation(series, "a-1", "energy_import", value, "Wh", start, start.plusSeconds(900),
                Quality.MEASURED, "test", NOW);
    }

    private static String register(String meter, String at, double kwh) {
        return "{\"assetId\":\"" + meter + "\",\"quantity\":\"energy_import\",\"value\":" + kwh
                + ",\"unit\":\"kWh\",\"start\":\"" + at + "\",\"seriesId\":\"" + meter + ".energy_import.1-0:1.8.0\"}";
    }

    private java.util.Map<Instant, Quality> qualities(String series) {
        java.util.Map<Instant, Quality> q = new java.util.TreeMap<>();
        store.find(series, Instant.parse("2026-11-01T00:00:00Z"), NOW).forEach(o -> q.put(o.start(), o.quality()));
        return q;
    }

    @Test
    void aCounterDecreaseIsStoredInvalidAndARollOverSuspectNotDropped() {
        String a = "m-a.energy_import.1-0:1.8.0";
        String b = "m-b.energy_import.1-0:1.8.0";
        // one batch, out of order: m-a 1000, 1010, then 990 (decrease); m-b near the end of a 5-digit register
        IngestResult first = pipeline.ingest("[" + register("m-a", "2026-11-26T10:10:00Z", 1010) + ","
                + register("m-a", "2026-11-26T10:00:00Z", 1000) + "," + register("m-a", "2026-11-26T10:20:00Z", 990) + ","
                + register("m-b", "2026-11-26T10:00:00Z", 99_987) + "]", "test", "test-route", null);
        assertThat(first.stored()).isEqualTo(4);
        // the next batch: compared with what is stored (m-b wraps, m-a late reading between two stored ones)
        IngestResult second = pipeline.ingest("[" + register("m-b", "2026-11-26T10:15:00Z", 12) + ","
                + register("m-b", "2026-11-26T10:30:00Z", 40) + "," + register("m-a", "2026-11-26T10:05:00Z", 1005) + "]",
                "test", "test-route", null);
        assertThat(second.stored()).isEqualTo(3);
        assertThat(second.quarantined()).isZero();
        Instant t = Instant.parse("2026-11-26T10:00:00Z");
        assertThat(qualities(a)).containsExactly(java.util.Map.entry(t, Quality.MEASURED),
                java.util.Map.entry(t.plusSeconds(300), Quality.MEASURED), java.util.Map.entry(t.plusSeconds(600), Quality.MEASURED),
                java.util.Map.entry(t.plusSeconds(1200), Quality.INVALID));
        assertThat(qualities(b)).containsExactly(java.util.Map.entry(t, Quality.MEASURED),
                java.util.Map.entry(t.plusSeconds(900), Quality.SUSPECT), java.util.Map.entry(t.plusSeconds(1800), Quality.MEASURED));
        assertThat(store.find(b, t, NOW).get(1).value()).isEqualTo(12_000.0);
        // flagged values are kept out of the forecast input
        assertThat(store.aggregateForecastInput(a, t, NOW, Resolution.DAY, Aggregation.AVG, BERLIN))
                .singleElement().satisfies(p -> assertThat(p.count()).isEqualTo(3));
        // a repeat of the second batch changes nothing: the same verdicts, no history row
        pipeline.ingest("[" + register("m-b", "2026-11-26T10:15:00Z", 12) + "]", "test", "test-route", null);
        assertThat(store.history(b, t, NOW)).isEmpty();
        assertThat(quarantine.count(null)).isZero();
    }

    @Test
    void insideABulkWriteTheCounterCheckSeesTheUncommittedReadingsOfTheSameFile() {
        String series = "m-c.energy_import";
        Instant t = Instant.parse("2026-11-26T00:00:00Z");
        try (BulkWrite bulk = pipeline.beginBulk()) {
            List<Observation> part1 = new ArrayList<>();
            List<Observation> part2 = new ArrayList<>();
            for (int i = 0; i < 250; i++) { // above the COPY threshold on PostgreSQL
                part1.add(new Observation(series, "m-c", "energy_import", 1000 + i, "Wh", t.plusSeconds(60L * i),
                        t.plusSeconds(60L * i), Quality.MEASURED, "file", NOW));
            }
            part2.add(new Observation(series, "m-c", "energy_import", 1100, "Wh", t.plusSeconds(60L * 250),
                    t.plusSeconds(60L * 250), Quality.MEASURED, "file", NOW));
            pipeline.ingestInto(bulk, part1, "file", "test-route");
            pipeline.ingestInto(bulk, part2, "file", "test-route");
            bulk.commit();
        }
        List<Observation> stored = store.find(series, t, NOW);
        assertThat(stored).hasSize(251);
        assertThat(stored.subList(0, 250)).allMatch(o -> o.quality() == Quality.MEASURED);
        assertThat(stored.get(250).quality()).as("1100 after 1249 of the first part").isEqualTo(Quality.INVALID);
    }

    @Test
    void aRepeatedValueIsStoredOnce() {
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        List<Observation> batch = List.of(obs("a-1.energy_import", t, 1), obs("a-1.energy_import", t.plusSeconds(900), 2),
                obs("a-1.energy_import", t.plusSeconds(1800), 3));
        store.write(batch, List.of());
        store.write(batch, List.of());
        store.write(batch.subList(0, 1), List.of());
        assertThat(store.count("a-1.energy_import")).isEqualTo(3);
        assertThat(store.history("a-1.energy_import", t, t.plusSeconds(86400))).isEmpty();
    }

    @Test
    void repeatedValuesAreCountedAsUnchangedWhereTheDatabaseReportsIt() {
        Instant t = Instant.parse("2026-11-02T00:00:00Z");
        List<Observation> small = new ArrayList<>();
        List<Observation> large = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            small.add(obs("a-1.energy_import", t.plusSeconds(900L * i), i));
        }
        for (int i = 0; i < ObservationStore.COPY_THRESHOLD + 50; i++) {
            large.add(obs("a-2.energy_import", t.plusSeconds(900L * i), i));
        }
        assertThat(store.write(small, List.of()).unchanged()).isZero();
        assertThat(store.write(large, List.of()).unchanged()).isZero();
        List<Observation> again = new ArrayList<>(small);
        again.set(2, obs("a-1.energy_import", t.plusSeconds(1800), 42)); // a correction is a change
        again.add(obs("a-1.energy_import", t.plusSeconds(2700), 4)); // new
        int repeats = reportsRowCounts() ? 2 : 0;
        assertThat(store.write(again, List.of()).unchanged()).isEqualTo(repeats);
        assertThat(store.write(large, List.of()).unchanged()).isEqualTo(reportsRowCounts() ? large.size() : 0);
        // the same key twice in one write: the earlier one is a repeat on every database
        List<Observation> twice = List.of(obs("a-3.energy_import", t, 1), obs("a-3.energy_import", t, 1));
        assertThat(store.write(twice, List.of()).unchanged()).isEqualTo(1);
        assertThat(store.count("a-1.energy_import")).isEqualTo(4);
    }

    @Test
    void aCorrectionReplacesTheValueAndKeepsTheOldOneInTheHistory() {
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        store.write(List.of(obs("a-1.energy_import", t, 10)), List.of());
        store.write(List.of(obs("a-1.energy_import", t, 12).withQuality(Quality.SUBSTITUTED)), List.of());
        List<Observation> stored = store.find("a-1.energy_import", t, t.plusSeconds(1));
        assertThat(stored).singleElement().satisfies(o -> {
            assertThat(o.value()).isEqualTo(12);
            assertThat(o.quality()).isEqualTo(Quality.SUBSTITUTED);
            assertThat(o.assetId()).isEqualTo("a-1");
            assertThat(o.unit()).isEqualTo("Wh");
            assertThat(o.end()).isEqualTo(t.plusSeconds(900));
        });
        List<HistoryEntry> history = store.history("a-1.energy_import", t, t.plusSeconds(1));
        assertThat(history).singleElement().satisfies(h -> {
            assertThat(h.oldValue()).isEqualTo(10);
            assertThat(h.newValue()).isEqualTo(12);
            assertThat(h.oldQuality()).isEqualTo("MEASURED");
            assertThat(h.newQuality()).isEqualTo("SUBSTITUTED");
        });
    }

    @Test
    void findReturnsTimeOrderForLateArrivals() {
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        store.write(List.of(obs("s", t.plusSeconds(1800), 3), obs("s", t, 1)), List.of());
        store.write(List.of(obs("s", t.plusSeconds(900), 2)), List.of());
        assertThat(store.find("s", t, t.plusSeconds(3600))).extracting(Observation::value).containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void aggregatesQuarterHoursToHoursInSql() {
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        List<Observation> batch = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            batch.add(obs("q", t.plusSeconds(900L * i), i + 1));
        }
        store.write(batch, List.of());
        assertThat(store.aggregate("q", t, t.plusSeconds(7200), Resolution.HOUR, Aggregation.SUM, BERLIN))
                .extracting(AggregatePoint::value).containsExactly(10.0, 26.0);
        assertThat(store.aggregate("q", t, t.plusSeconds(7200), Resolution.HOUR, Aggregation.AVG, BERLIN))
                .extracting(AggregatePoint::value).containsExactly(2.5, 6.5);
        assertThat(store.aggregate("q", t, t.plusSeconds(7200), Resolution.HOUR, Aggregation.MIN, BERLIN))
                .extracting(AggregatePoint::value).containsExactly(1.0, 5.0);
        List<AggregatePoint> max = store.aggregate("q", t, t.plusSeconds(7200), Resolution.HOUR, Aggregation.MAX, BERLIN);
        assertThat(max).extracting(AggregatePoint::value).containsExactly(4.0, 8.0);
        assertThat(max.get(1).start()).isEqualTo(t.plusSeconds(3600));
        assertThat(max.get(1).count()).isEqualTo(4);
        assertThat(store.aggregate("q", t, t.plusSeconds(7200), Resolution.MIN_15, Aggregation.SUM, BERLIN)).hasSize(8);
    }

    @Test
    void dailyAggregationFollowsLocalDaysAcrossDaylightSavingChanges() {
        // Hourly values of 1 from local midnight 24 Oct to local midnight 27 Oct 2026 (autumn change on 25 Oct)
        // and around 29 Mar 2026 (spring change).
        writeHourlyOnes(Instant.parse("2026-10-23T22:00:00Z"), Instant.parse("2026-10-26T23:00:00Z"));
        writeHourlyOnes(Instant.parse("2026-03-27T23:00:00Z"), Instant.parse("2026-03-30T22:00:00Z"));

        List<AggregatePoint> autumn = store.aggregate("h", Instant.parse("2026-10-23T22:00:00Z"),
                Instant.parse("2026-10-26T23:00:00Z"), Resolution.DAY, Aggregation.SUM, BERLIN);
        assertThat(autumn).extracting(AggregatePoint::value).containsExactly(24.0, 25.0, 24.0);
        assertThat(Duration.between(autumn.get(1).start(), autumn.get(1).end())).isEqualTo(Duration.ofHours(25));
        assertThat(autumn.get(1).start()).isEqualTo(Instant.parse("2026-10-24T22:00:00Z"));

        List<AggregatePoint> spring = store.aggregate("h", Instant.parse("2026-03-27T23:00:00Z"),
                Instant.parse("2026-03-30T22:00:00Z"), Resolution.DAY, Aggregation.SUM, BERLIN);
        assertThat(spring).extracting(AggregatePoint::value).containsExactly(24.0, 23.0, 24.0);
        assertThat(Duration.between(spring.get(1).start(), spring.get(1).end())).isEqualTo(Duration.ofHours(23));
    }

    private void writeHourlyOnes(Instant from, Instant to) {
        List<Observation> batch = new ArrayList<>();
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(3600)) {
            batch.add(new Observation("h", "a-1", "energy_import", 1, "Wh", t, t.plusSeconds(3600), Quality.MEASURED, "t", NOW));
        }
        store.write(batch, List.of());
    }

    @Test
    void aRowTheDatabaseRefusesIsQuarantinedAndTheGoodRowsAreStored() {
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        String tooLong = "x".repeat(250);
        List<Observation> batch = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            batch.add(obs(i == 137 ? tooLong : "good", t.plusSeconds(900L * i), i));
        }
        WriteResult result = store.write(batch, List.of());
        assertThat(result.written()).isEqualTo(249);
        assertThat(result.quarantined()).isEqualTo(1);
        assertThat(store.count("good")).isEqualTo(249);
        assertThat(quarantine.list(QuarantinedItem.OPEN, 10)).singleElement()
                .satisfies(q -> assertThat(q.reason()).contains("database refused").contains(t.plusSeconds(900L * 137).toString()));
    }

    @Test
    void aBatchThroughThePipelineStoresTheGoodItemsAndQuarantinesTheBadOne() {
        String json = """
                [{"assetId":"m-00042","quantity":"energy_import","value":1.5,"unit":"kWh","start":"2026-11-26T10:00:00+01:00","end":"2026-11-26T10:15:00+01:00"},
                 {"assetId":"m-00042","quantity":"energy_import","value":"oops","unit":"kWh","start":"2026-11-26T10:15:00+01:00"},
                 {"assetId":"m-00042","quantity":"energy_import","value":1.7,"unit":"kWh","start":"2026-11-26T10:30:00+01:00","end":"2026-11-26T10:45:00+01:00"}]""";
        IngestResult r = pipeline.ingest(json, "test", "core-ingest", null);
        assertThat(r).isEqualTo(new IngestResult(3, 2, 1));
        List<Observation> stored = store.find("m-00042.energy_import", Instant.parse("2026-11-26T09:00:00Z"),
                Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(stored).extracting(Observation::value).containsExactly(1500.0, 1700.0);
        QuarantinedItem q = quarantine.list(QuarantinedItem.OPEN, 10).get(0);
        assertThat(q.reason()).isEqualTo("item 1: field value must be a JSON number, found STRING \"oops\"");
        assertThat(q.payload()).contains("\"oops\"");
        assertThat(q.replayEndpoint()).isEqualTo("direct:ingest");
        assertThat(q.source()).isEqualTo("test");
    }

    @Test
    void aMessageThatIsNotJsonIsQuarantinedWhole() {
        IngestResult r = pipeline.ingest("<html>502 Bad Gateway</html>", "test", "core-ingest", null);
        assertThat(r).isEqualTo(new IngestResult(1, 0, 1));
        QuarantinedItem q = quarantine.list(QuarantinedItem.OPEN, 10).get(0);
        assertThat(q.payload()).isEqualTo("<html>502 Bad Gateway</html>");
        assertThat(q.reason()).startsWith("message is not JSON observation(s)");
    }

    @Test
    void aReplayThatSucceedsMarksTheItemReplayed() {
        pipeline.ingest("{\"assetId\":\"a\",\"quantity\":\"temperature\",\"value\":5000,\"unit\":\"Cel\",\"start\":\"2026-11-26T10:00:00Z\"}",
                "test", "core-ingest", null);
        QuarantinedItem q = quarantine.list(QuarantinedItem.OPEN, 1).get(0);
        assertThat(q.reason()).contains("implausible");
        // replayed unchanged: rejected again, attempts counted
        pipeline.ingest(q.payload(), "test", "core-ingest", q.id());
        assertThat(quarantine.get(q.id()).orElseThrow().attempts()).isEqualTo(2);
        // replayed after the fix: stored, marked REPLAYED, no new item
        pipeline.ingest(q.payload().replace("5000", "5"), "test", "core-ingest", q.id());
        assertThat(quarantine.get(q.id()).orElseThrow().status()).isEqualTo(QuarantinedItem.REPLAYED);
        assertThat(quarantine.count(QuarantinedItem.OPEN)).isZero();
        assertThat(store.find("a.temperature", Instant.parse("2026-11-26T10:00:00Z"), Instant.parse("2026-11-26T10:00:01Z")))
                .singleElement().satisfies(o -> assertThat(o.value()).isCloseTo(5.0, within(1e-9)));
    }

    @Test
    void forecastsAreKeptPerIssueAndTheLatestIssueIsRead() {
        ForecastStore forecasts = new ForecastStore(db.dataSource(), db.dialect(), new SeriesRegistry(db.dialect(),
                Clock.fixed(NOW, ZoneOffset.UTC)), 100);
        Instant t = Instant.parse("2026-11-27T10:00:00Z");
        Instant first = Instant.parse("2026-11-26T06:00:00Z");
        Instant second = Instant.parse("2026-11-26T12:00:00Z");
        forecasts.write(List.of(new de.stadtwerk.hub.model.Forecast("ws.global_irradiance", "ws", "global_irradiance", 100,
                "W/m2", t, t.plusSeconds(3600), first, "DWD MOSMIX_L", "test")));
        forecasts.write(List.of(new de.stadtwerk.hub.model.Forecast("ws.global_irradiance", "ws", "global_irradiance", 180,
                "W/m2", t, t.plusSeconds(3600), second, "DWD MOSMIX_L", "test")));
        assertThat(forecasts.latest("ws.global_irradiance", t, t.plusSeconds(1), ForecastStore.NEWEST))
                .singleElement().satisfies(f -> {
                    assertThat(f.value()).isEqualTo(180);
                    assertThat(f.issuedAt()).isEqualTo(second);
                    assertThat(f.unit()).isEqualTo("W/m2");
                });
        assertThat(forecasts.latest("ws.global_irradiance", t, t.plusSeconds(1), second.minusSeconds(1)))
                .extracting(de.stadtwerk.hub.model.Forecast::value).containsExactly(100.0);
    }

    @Test
    void theSameKeyTwiceInOneBatchKeepsTheLastValue() {
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        List<Observation> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(obs("dup", t.plusSeconds(900L * i), i));
        }
        batch.add(obs("dup", t, 42));
        assertThat(store.write(batch, List.of()).written()).isEqualTo(501);
        assertThat(store.count("dup")).isEqualTo(500);
        assertThat(store.find("dup", t, t.plusSeconds(1))).singleElement().satisfies(o -> assertThat(o.value()).isEqualTo(42));
        store.write(List.of(obs("dup", t, 43), obs("dup", t, 44)), List.of());
        assertThat(store.find("dup", t, t.plusSeconds(1))).singleElement().satisfies(o -> assertThat(o.value()).isEqualTo(44));
        assertThat(store.history("dup", t, t.plusSeconds(1))).extracting(HistoryEntry::newValue).containsExactly(44.0);
    }

    @Test
    void largeBatchesWithTabsAndBackslashesInTextSurvive() {
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        // below the COPY threshold (one statement with arrays on PostgreSQL) and above it (COPY)
        for (int size : new int[] {1000, ObservationStore.COPY_THRESHOLD + 10}) {
            String series = "big-" + size;
            List<Observation> batch = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                batch.add(new Observation(series, "a-1", "energy_import", i, "Wh", t.plusSeconds(900L * i),
                        t.plusSeconds(900L * i + 900), Quality.MEASURED, "src\\with\ttab\nand newline \"quoted\" {a,b}", NOW));
            }
            store.write(batch, List.of());
            store.write(batch, List.of());
            assertThat(store.count(series)).isEqualTo(size);
            assertThat(store.find(series, t, t.plusSeconds(1)).get(0).source())
                    .isEqualTo("src\\with\ttab\nand newline \"quoted\" {a,b}");
            assertThat(store.history(series, t, t.plusSeconds(900L * size))).isEmpty();
        }
    }

    @Test
    void timesKeepTheirMicrosecondsOnEveryWritePath() {
        Instant odd = Instant.parse("2026-11-01T00:00:00.123456Z");
        Instant far = Instant.parse("2199-12-31T23:59:59.999999Z");
        Instant early = Instant.parse("1970-01-01T00:00:00.000001Z");
        for (int size : new int[] {1, 3, ObservationStore.COPY_THRESHOLD + 1}) {
            String series = "times-" + size;
            List<Observation> batch = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                Instant at = i == 0 ? odd : i == 1 ? far : i == 2 ? early : odd.plusSeconds(i);
                batch.add(new Observation(series, "a-1", "energy_import", i, "Wh", at, at, Quality.MEASURED, "t", odd));
            }
            store.write(batch, List.of());
            assertThat(store.find(series, odd, odd.plusNanos(1000))).singleElement()
                    .satisfies(o -> assertThat(o.receivedAt()).isEqualTo(odd));
            if (size > 1) {
                assertThat(store.find(series, far, far.plusNanos(1000))).hasSize(1);
                assertThat(store.find(series, early, early.plusNanos(1000))).hasSize(1);
            }
        }
    }
}
