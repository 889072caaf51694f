package de.stadtwerk.hub.publish.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.stadtwerk.hub.model.Asset;
import de.stadtwerk.hub.model.Forecast;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import de.stadtwerk.hub.parse.Attribution;
import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.store.ForecastStore;
import de.stadtwerk.hub.store.ObservationStore;
import de.stadtwerk.hub.store.ObservationStream;
import de.stadtwerk.hub.store.SeriesMetaStore;
import de.stadtwerk.hub.store.SeriesRegistry;
import de.stadtwerk.hub.store.StoreDatabase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Query → writer on a real store (H2 and PostgreSQL by the subclasses), around the 25-hour day 2024-10-27. */
abstract class FeedExporterContract {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Instant NOW = Instant.parse("2024-10-28T05:30:00Z");
    static final Instant DAY_START = Instant.parse("2024-10-26T22:00:00Z");

    StoreDatabase db;
    FeedExporter exporter;
    ObservationStream stream;

    abstract StoreDatabase openDatabase();

    void closeDatabase() {
    }

    @BeforeEach
    void open() {
        db = openDatabase();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        SeriesRegistry series = new SeriesRegistry(db.dialect(), clock);
        ObservationStore store = new ObservationStore(db.dataSource(), db.dialect(), series,
                new QuarantineStore(db.dataSource(), clock), clock, 500);
        ForecastStore forecasts = new ForecastStore(db.dataSource(), db.dialect(), series, 500);
        SeriesMetaStore meta = new SeriesMetaStore(db.dataSource(), db.dialect(), clock);
        stream = new ObservationStream(db.dataSource());
        List<Asset> assets = List.of(
                new Asset("m-a", "Zähler A", "meter", null, null, "Elberfeld", "42103", null, Map.of()),
                new Asset("m-b", "Zähler B", "meter", null, null, "Barmen", "42275", null, Map.of()),
                new Asset("pv-a", "PV A", "pv_plant", null, null, "Elberfeld", "42103", 1e5, Map.of()));
        exporter = new FeedExporter(stream, store, forecasts, meta, () -> assets, clock);

        List<Observation> obs = new ArrayList<>();
        // 27 hours of 15-minute values from local midnight of 2024-10-27: the 25-hour day and two hours beyond
        for (int i = 0; i < 108; i++) {
            Instant t = DAY_START.plusSeconds(900L * i);
            obs.add(new Observation("m-a.energy_import", "m-a", "energy_import", 100, "Wh", t, t.plusSeconds(900),
                    Quality.MEASURED, "test", NOW));
            obs.add(new Observation("m-b.energy_import", "m-b", "energy_import", 200, "Wh", t, t.plusSeconds(900),
                    Quality.ESTIMATED, "test", NOW));
            obs.add(new Observation("pv-a.active_power", "pv-a", "active_power", 50_000, "W", t, t,
                    Quality.MEASURED, "test", NOW));
        }
        store.write(obs, List.of());
        meta.record(List.of("pv-a.active_power"), Attribution.SMARD, "test");
        forecasts.write(List.of(
                new Forecast("area-x.ratio.coverage", "area-x", "ratio", 40, "%", DAY_START, DAY_START.plusSeconds(3600),
                        Instant.parse("2024-10-26T10:00:00Z"), "energiewetter", "energiewetter"),
                new Forecast("area-x.ratio.coverage", "area-x", "ratio", 55, "%", DAY_START, DAY_START.plusSeconds(3600),
                        Instant.parse("2024-10-26T11:00:00Z"), "energiewetter", "energiewetter")));
    }

    @AfterEach
    void close() {
        db.close();
        closeDatabase();
    }

    private static FeedDefinition feed(FeedQuery query, FeedFormat format) {
        return new FeedDefinition("t", "Test", true, "0 0 6 * * ?", query, format, null,
                FeedDestination.parse("file:x"), null);
    }

    private String csv(FeedDefinition f, long[] rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        rows[0] = exporter.export(f, f.query().window().period(NOW, BERLIN), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rawValuesOfYesterdayAreThe100QuarterHoursOfThe25HourDay() throws Exception {
        long[] rows = new long[1];
        String csv = csv(feed(new FeedQuery(null, List.of("m-b.energy_import", "m-a.energy_import"), null, null,
                FeedWindow.of("yesterday"), null, null), FeedFormat.CSV_DE), rows);
        assertThat(rows[0]).isEqualTo(200);
        List<String> lines = csv.lines().filter(l -> l.startsWith("m-")).toList();
        assertThat(lines).hasSize(200);
        assertThat(lines.get(0)).startsWith("m-b.energy_import;m-b;energy_import;Wh;27.10.2024 00:00;").endsWith(";200;ESTIMATED");
        assertThat(lines.get(100)).startsWith("m-a.energy_import;m-a;energy_import;Wh;27.10.2024 00:00;");
        assertThat(lines.get(199)).contains(";27.10.2024 23:45;28.10.2024 00:00;");
    }

    @Test
    void dailySumsAreOfTheLocalDayAndAssetsAreSelectedByDistrictAndKind() throws Exception {
        FeedQuery q = new FeedQuery(null, null, new FeedQuery.AssetSelector("meter", "elberfeld", null, null),
                "energy_import", FeedWindow.of("yesterday"), de.stadtwerk.hub.store.Resolution.DAY,
                de.stadtwerk.hub.store.Aggregation.SUM);
        long[] rows = new long[1];
        String csv = csv(feed(q, FeedFormat.CSV_DE), rows);
        assertThat(rows[0]).isEqualTo(1);
        assertThat(csv).contains("m-a.energy_import;m-a;energy_import;Wh;27.10.2024 00:00;28.10.2024 00:00;"
                + "2024-10-26T22:00Z;2024-10-27T23:00Z;10000;100\r\n").doesNotContain("m-b.");
    }

    @Test
    void theAttributionOfOpenDataSeriesIsInTheHeader() throws Exception {
        FeedQuery q = new FeedQuery(null, null, new FeedQuery.AssetSelector("pv_plant", null, null, null), null,
                FeedWindow.of("yesterday"), null, null);
        long[] rows = new long[1];
        String csv = csv(feed(q, FeedFormat.CSV_DE), rows);
        assertThat(rows[0]).isEqualTo(100);
        assertThat(csv).contains("# Quelle: Bundesnetzagentur | SMARD.de (CC-BY-4.0)\r\n");
    }

    @Test
    void aSelectorThatMatchesNoAssetExportsNothingRatherThanEverything() throws Exception {
        FeedQuery q = new FeedQuery(null, null, new FeedQuery.AssetSelector("meter", "Nirgendwo", null, null), null,
                FeedWindow.of("yesterday"), null, null);
        long[] rows = new long[1];
        String csv = csv(feed(q, FeedFormat.CSV_DE), rows);
        assertThat(rows[0]).isZero();
        assertThat(csv).contains("Zeitreihe;Anlage");
    }

    @Test
    void forecastsAreTheNewestIssue() throws Exception {
        FeedQuery q = new FeedQuery(FeedQuery.FORECASTS, List.of("area-x.ratio.coverage"), null, null,
                FeedWindow.of("yesterday"), null, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FeedDefinition f = feed(q, FeedFormat.JSON);
        assertThat(exporter.export(f, f.query().window().period(NOW, BERLIN), out)).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(out.toByteArray());
        assertThat(json.get("values").asText()).isEqualTo("forecasts");
        assertThat(json.at("/rows/0/value").asDouble()).isEqualTo(55.0);
        assertThat(json.at("/rows/0/quality").asText()).isEqualTo("FORECAST");
    }

    @Test
    void theStreamHandsOverRowsOneByOneInTimeOrder() {
        List<Instant> starts = new ArrayList<>();
        long n = stream.stream(List.of("m-a.energy_import"), DAY_START, DAY_START.plusSeconds(3600),
                (id, start, end, value, quality) -> starts.add(start));
        assertThat(n).isEqualTo(4);
        assertThat(starts).isSorted().hasSize(4);
        assertThat(stream.series(List.of(), "energy_import")).extracting(ObservationStream.SeriesInfo::id)
                .containsExactly("m-a.energy_import", "m-b.energy_import");
        assertThat(stream.seriesByIds(List.of("nope", "pv-a.active_power"))).extracting(ObservationStream.SeriesInfo::unit)
                .containsExactly("W");
    }
}
