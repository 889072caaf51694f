package de.stadtwerk.hub.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.store.TestDatabases;
import de.stadtwerk.hub.support.HubSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental polling against a legacy database (H2 in {@code DbPollerTest}, the machine's MariaDB in
 * {@code MariaDbPollerIT}); the hub's own store is H2.
 */
abstract class DbPollerContract {

    @TempDir
    Path dir;

    StoreDatabase hub;
    LegacyStores stores;

    /** The legacy database, with an empty schema for this test. */
    abstract DataSource legacy();

    /** SQL type of a timestamp without zone in the legacy database. */
    String timestampType() {
        return "TIMESTAMP";
    }

    @BeforeEach
    void openHub() throws SQLException {
        hub = TestDatabases.h2(dir.resolve("hub"));
        stores = new LegacyStores(hub);
        exec("CREATE TABLE meter_reading (id BIGINT PRIMARY KEY, meter_id VARCHAR(40), obis VARCHAR(20),"
                + " reading DECIMAL(12,3), read_at " + timestampType() + ", changed_at " + timestampType() + ", status VARCHAR(20))");
        exec("CREATE TABLE customer_site (seq BIGINT PRIMARY KEY, site_id VARCHAR(40), site_name VARCHAR(100),"
                + " lat DOUBLE, lon DOUBLE, plz VARCHAR(10), kw DECIMAL(10,2), ids VARCHAR(200))");
    }

    @AfterEach
    void closeHub() {
        hub.close();
    }

    void exec(String sql) throws SQLException {
        try (Connection c = legacy().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Inserts reading {@code id}: meter, value, local read time (quarter-hour {@code q} of 15.01.2024), changed at. */
    void reading(long id, String meter, String value, int q, String changedAt) throws SQLException {
        String readAt = String.format("2024-01-15 %02d:%02d:00", q / 4, (q % 4) * 15);
        exec("INSERT INTO meter_reading VALUES (" + id + ", '" + meter + "', '1-1:1.29.0', " + value + ", TIMESTAMP '"
                + readAt + "', TIMESTAMP '" + changedAt + "', 'measured')");
    }

    DbPoller poller(int batchSize, Map<String, String> extra) {
        Map<String, String> keys = new HashMap<>(Map.of(
                LegacySettings.DB_NAME, "billing",
                LegacySettings.DB_QUERY, "SELECT id, meter_id, obis, reading, read_at, changed_at, status FROM meter_reading",
                LegacySettings.DB_WATERMARK_COLUMN, "changed_at",
                LegacySettings.DB_BATCH_SIZE, Integer.toString(batchSize)));
        keys.putAll(extra);
        HubSettings settings = new HubSettings(k -> Optional.ofNullable(keys.get(k)));
        Map<String, String> map = new HashMap<>();
        keys.forEach((k, v) -> {
            if (k.startsWith(LegacySettings.DB_MAP_PREFIX)) {
                map.put(k.substring(LegacySettings.DB_MAP_PREFIX.length()), v);
            }
        });
        if (map.isEmpty()) {
            map.putAll(Map.of("asset", "meter_id", "quantity", "'energy_import'", "value", "reading", "unit", "'kWh'",
                    "start", "read_at", "qualifier", "obis", "quality", "status"));
        }
        return new DbPoller(legacy(), LegacyBeans.dbConfig(settings, map), new Watermarks(hub.dataSource(), stores.clock),
                stores.pipeline(), stores.quarantine, hub.dataSource(), hub.dialect(), stores.clock);
    }

    @Test
    void onlyNewRowsAreReadAndTheWatermarkSurvivesARestart() throws SQLException {
        for (int i = 0; i < 10; i++) {
            reading(i, "DB-M1", "1." + i, i, "2024-01-16 08:00:0" + i);
        }
        DbPoller.PollResult first = poller(4, Map.of()).poll("test");
        assertThat(first.rows()).isEqualTo(10);
        assertThat(first.batches()).isEqualTo(3);
        assertThat(first.watermark()).isEqualTo("2024-01-16T08:00:09");
        assertThat(stores.count("SELECT COUNT(*) FROM observation WHERE series_id = 'DB-M1.energy_import.1-1:1.29.0'")).isEqualTo(10);

        // a new poller (a restart) reads only what came after the stored watermark
        reading(10, "DB-M1", "2.5", 10, "2024-01-16 09:00:00");
        DbPoller.PollResult second = poller(4, Map.of()).poll("test");
        assertThat(second.rows()).isEqualTo(1);
        assertThat(poller(4, Map.of()).poll("test").rows()).as("nothing new: no re-read").isZero();
        assertThat(stores.count("SELECT COUNT(*) FROM observation")).isEqualTo(11);
    }

    @Test
    void rowsSharingTheHighWaterValueAreNeverSplitByABatchBoundary() throws SQLException {
        // 3 rows at :01, 5 rows at :02 (more than a batch), 1 at :03
        long id = 0;
        for (int i = 0; i < 3; i++) {
            reading(id++, "DB-TIE", "1", (int) id, "2024-01-16 08:00:01");
        }
        for (int i = 0; i < 5; i++) {
            reading(id++, "DB-TIE", "2", (int) id, "2024-01-16 08:00:02");
        }
        reading(id++, "DB-TIE", "3", (int) id, "2024-01-16 08:00:03");
        DbPoller.PollResult r = poller(4, Map.of()).poll("test");
        assertThat(r.rows()).isEqualTo(9);
        assertThat(stores.count("SELECT COUNT(*) FROM observation WHERE series_id LIKE 'DB-TIE.%'")).isEqualTo(9);
    }

    @Test
    void aRowThatCannotBeMappedIsQuarantinedAndDoesNotStopThePoll() throws SQLException {
        reading(1, "DB-BAD", "1", 1, "2024-01-16 08:00:01");
        exec("INSERT INTO meter_reading VALUES (2, 'DB-BAD', '1-1:1.29.0', NULL, TIMESTAMP '2024-01-15 00:30:00',"
                + " TIMESTAMP '2024-01-16 08:00:02', 'measured')");
        exec("INSERT INTO meter_reading VALUES (3, 'DB-BAD', '1-1:1.29.0', 4, TIMESTAMP '2024-01-15 00:45:00',"
                + " TIMESTAMP '2024-01-16 08:00:03', 'kaputt')");
        reading(4, "DB-BAD", "5", 4, "2024-01-16 08:00:04");
        DbPoller.PollResult r = poller(10, Map.of()).poll("test");
        assertThat(r.rows()).isEqualTo(4);
        assertThat(r.stored()).isEqualTo(2);
        assertThat(r.quarantined()).isEqualTo(2);
        assertThat(r.watermark()).isEqualTo("2024-01-16T08:00:04");
        assertThat(stores.quarantine.list(null, 10)).extracting(i -> i.reason())
                .anySatisfy(s -> assertThat(s).contains("billing").contains("changed_at = 2024-01-16T08:00:02").contains("NULL"))
                .anySatisfy(s -> assertThat(s).contains("unknown quality 'kaputt'"));
    }

    @Test
    void localTimesOfTheAutumnDstChangeAreStoredInUtc() throws SQLException {
        exec("INSERT INTO meter_reading VALUES (1, 'DB-DST', '1-1:1.29.0', 1, TIMESTAMP '2024-10-27 01:45:00',"
                + " TIMESTAMP '2024-10-28 00:00:01', 'measured')");
        exec("INSERT INTO meter_reading VALUES (2, 'DB-DST', '1-1:1.29.0', 2, TIMESTAMP '2024-10-27 03:00:00',"
                + " TIMESTAMP '2024-10-28 00:00:02', 'measured')");
        poller(10, Map.of()).poll("test");
        // 01:45 CEST = 23:45 UTC the day before; 03:00 CET = 02:00 UTC
        assertThat(stores.count("SELECT COUNT(*) FROM observation WHERE series_id LIKE 'DB-DST.%' AND start_ts IN"
                + " (TIMESTAMP WITH TIME ZONE '2024-10-26 23:45:00+00', TIMESTAMP WITH TIME ZONE '2024-10-27 02:00:00+00')"))
                .isEqualTo(2);
    }

    @Test
    void rowsMapToAssetMasterDataWithANumericWatermark() throws SQLException {
        exec("INSERT INTO customer_site VALUES (7, 'site-7', 'Freibad Nord', 51.27, 7.19, '42109', 99.5, 'malo=5148|melo=DE7')");
        exec("INSERT INTO customer_site VALUES (8, 'site-8', 'Pumpwerk', NULL, NULL, NULL, NULL, NULL)");
        Map<String, String> keys = Map.of(LegacySettings.DB_TARGET, "asset",
                LegacySettings.DB_QUERY, "SELECT * FROM customer_site", LegacySettings.DB_WATERMARK_COLUMN, "seq",
                LegacySettings.DB_WATERMARK_TYPE, "number", LegacySettings.DB_MAP_PREFIX + "id", "site_id",
                LegacySettings.DB_MAP_PREFIX + "name", "site_name", LegacySettings.DB_MAP_PREFIX + "kind", "'site'",
                LegacySettings.DB_MAP_PREFIX + "postcode", "plz", LegacySettings.DB_MAP_PREFIX + "rated_power_kw", "kw",
                LegacySettings.DB_MAP_PREFIX + "external_ids", "ids");
        DbPoller.PollResult r = poller(10, keys).poll("test");
        assertThat(r.rows()).isEqualTo(2);
        assertThat(r.watermark()).isEqualTo("8");
        assertThat(stores.count("SELECT COUNT(*) FROM asset WHERE id = 'site-7' AND name = 'Freibad Nord'"
                + " AND rated_power_w = 99500 AND external_ids = 'malo=5148|melo=DE7'")).isEqualTo(1);
        exec("UPDATE customer_site SET seq = 9, site_name = 'Freibad Nord (saniert)' WHERE seq = 7");
        assertThat(poller(10, keys).poll("test").rows()).isEqualTo(1);
        assertThat(stores.count("SELECT COUNT(*) FROM asset WHERE name = 'Freibad Nord (saniert)'")).isEqualTo(1);
    }
}
