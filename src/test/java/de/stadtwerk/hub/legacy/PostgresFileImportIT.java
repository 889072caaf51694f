package de.stadtwerk.hub.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.stadtwerk.hub.bench.LegacyFileGenerator;
import de.stadtwerk.hub.ingest.IngestPipeline;
import de.stadtwerk.hub.ingest.IngestResult;
import de.stadtwerk.hub.legacy.FileImport.Mode;
import de.stadtwerk.hub.legacy.FileImportResult.Outcome;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.parse.csv.CsvProfiles;
import de.stadtwerk.hub.parse.mscons.MsconsOptions;
import de.stadtwerk.hub.store.BulkWrite;
import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.store.StoreUnavailableException;
import de.stadtwerk.hub.store.TestDatabases;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileImport} in its ONE_PASS mode (the default on PostgreSQL) against the machine's PostgreSQL: the file is
 * read once into one open transaction per writer; a broken file, a store failure or a file changed mid-import
 * leaves nothing committed; a value the database refuses falls back to the chunk-by-chunk import. Skipped without
 * PostgreSQL.
 */
class PostgresFileImportIT {

    @TempDir
    Path dir;

    String schemaUrl;
    StoreDatabase db;
    LegacyStores stores;

    @BeforeEach
    void open() {
        schemaUrl = TestDatabases.newPostgresSchema();
        db = TestDatabases.postgres(schemaUrl);
        stores = new LegacyStores(db);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        TestDatabases.dropPostgresSchema(schemaUrl);
    }

    /** Fails like a store outage from its {@code failAt}-th chunk on. */
    static final class FailingPipeline extends IngestPipeline {
        final IngestPipeline real;
        final int failAt;
        final AtomicInteger calls = new AtomicInteger();

        FailingPipeline(IngestPipeline real, int failAt) {
            super(null, null, null);
            this.real = real;
            this.failAt = failAt;
        }

        @Override
        public IngestResult ingestInto(BulkWrite bulk, List<Observation> observations, String source, String routeId) {
            if (calls.incrementAndGet() >= failAt) {
                throw new StoreUnavailableException("simulated outage", null);
            }
            return real.ingestInto(bulk, observations, source, routeId);
        }

        @Override
        public BulkWrite beginBulk() {
            return real.beginBulk();
        }

        @Override
        public boolean storeIsPostgres() {
            return real.storeIsPostgres();
        }
    }

    private long observations() {
        return stores.count("SELECT COUNT(*) FROM observation");
    }

    @Test
    void onPostgresTheDefaultIsOnePassAndAGoodFileIsStoredOnceOnTwoWriters() throws Exception {
        Path file = dir.resolve("good.edi");
        long values = LegacyFileGenerator.mscons(file, 30, 2, Instant.parse("2024-03-01T00:00:00Z"));
        FileImport fi = stores.fileImport(stores.pipeline(), 500, 2, Mode.AUTO);
        assertThat(fi.effectiveMode()).isEqualTo(Mode.ONE_PASS);

        FileImportResult r = fi.importFile(file, "good.edi", new MsconsFormat(MsconsOptions.defaults()), "t", "test");
        assertThat(r.outcome()).isEqualTo(Outcome.IMPORTED);
        assertThat(r.values()).isEqualTo(values).isEqualTo(5760);
        assertThat(r.stored()).isEqualTo(values);
        assertThat(observations()).isEqualTo(values);
        assertThat(stores.count("SELECT COUNT(*) FROM series")).isEqualTo(30);
        assertThat(stores.imported.find(r.contentHash())).isPresent();

        FileImportResult dup = fi.importFile(file, "again.edi", new MsconsFormat(MsconsOptions.defaults()), "t", "test");
        assertThat(dup.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(observations()).isEqualTo(values);
    }

    @Test
    void aFileBrokenAtItsEndStoresNothingAlthoughItsChunksWereWritten() throws Exception {
        Path file = dir.resolve("cut.edi");
        LegacyFileGenerator.mscons(file, 20, 1, Instant.parse("2024-01-01T00:00:00Z"));
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length - 40));
        FileImportResult r = stores.fileImport(stores.pipeline(), 100, 2, Mode.ONE_PASS).importFile(file, "cut.edi",
                new MsconsFormat(MsconsOptions.defaults()), "t", "test");
        assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(r.reason()).contains("truncated");
        assertThat(observations()).isZero();
        assertThat(stores.count("SELECT COUNT(*) FROM series")).isZero();
        assertThat(stores.count("SELECT COUNT(*) FROM quarantine")).isZero();
        assertThat(stores.imported.find(r.contentHash())).isEmpty();
    }

    @Test
    void aStoreOutageMidFileCommitsNothingAndTheRepeatStoresEveryValueOnce() throws Exception {
        Path file = dir.resolve("big.edi");
        long values = LegacyFileGenerator.mscons(file, 20, 1, Instant.parse("2024-03-30T23:00:00Z"));
        MsconsFormat format = new MsconsFormat(MsconsOptions.defaults());
        FailingPipeline failing = new FailingPipeline(stores.pipeline(), 5);

        assertThatThrownBy(() -> stores.fileImport(failing, 100, 2, Mode.ONE_PASS).importFile(file, "big.edi", format, "t", "test"))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(failing.calls.get()).as("chunks were written before the outage").isGreaterThanOrEqualTo(5);
        assertThat(observations()).as("the open transactions were rolled back").isZero();
        assertThat(stores.imported.find(FileImport.sha256(file))).isEmpty();

        FileImportResult again = stores.fileImport(stores.pipeline(), 100, 2, Mode.ONE_PASS)
                .importFile(file, "big.edi", format, "t", "test");
        assertThat(again.outcome()).isEqualTo(Outcome.IMPORTED);
        assertThat(observations()).isEqualTo(values).isEqualTo(1920);
        assertThat(stores.count("SELECT COUNT(*) FROM observation_history")).as("nothing changed twice").isZero();
    }

    @Test
    void aChangedFileReplacesItsValuesAndKeepsTheOldOnesInTheHistory() throws Exception {
        Path file = dir.resolve("v1.csv");
        Charset cp1252 = Charset.forName("windows-1252");
        String head = "Zeitstempel;Zählpunkt;Wert;Einheit;Status\r\n";
        Files.writeString(file, head + "01.06.2024 00:15;DE0009;1,000;kWh;gemessen\r\n"
                + "01.06.2024 00:30;DE0009;2,000;kWh;gemessen\r\n", cp1252);
        CsvFormat format = new CsvFormat(CsvProfiles.load(Path.of("config/csv-profiles"), "lastgang-15min"));
        FileImport fi = stores.fileImport(stores.pipeline(), 1, 2, Mode.ONE_PASS);
        assertThat(fi.importFile(file, "v1.csv", format, "t", "test").outcome()).isEqualTo(Outcome.IMPORTED);

        Path changed = dir.resolve("v2.csv");
        Files.writeString(changed, head + "01.06.2024 00:15;DE0009;1,000;kWh;gemessen\r\n"
                + "01.06.2024 00:30;DE0009;2,500;kWh;geschätzt\r\n", cp1252);
        FileImportResult r = fi.importFile(changed, "v2.csv", format, "t", "test");
        assertThat(r.outcome()).isEqualTo(Outcome.IMPORTED);
        assertThat(observations()).isEqualTo(2);
        assertThat(stores.count("SELECT COUNT(*) FROM observation WHERE val = 2500 AND quality = 'ESTIMATED'")).isEqualTo(1);
        assertThat(stores.count("SELECT COUNT(*) FROM observation_history WHERE old_value = 2000 AND new_value = 2500"))
                .isEqualTo(1);
    }

    @Test
    void aValueTheDatabaseRefusesFallsBackToChunksAndOnlyThatSeriesGoesToTheQuarantine() throws Exception {
        Path file = dir.resolve("long-id.csv");
        // passes the normaliser (ids up to 200 characters) but not the series table (asset_id VARCHAR(128))
        String tooLong = "DE" + "7".repeat(148);
        Files.writeString(file, "Zeitstempel;Zählpunkt;Wert;Einheit;Status\r\n"
                + "01.06.2024 00:15;DE0001;1,000;kWh;gemessen\r\n"
                + "01.06.2024 00:15;" + tooLong + ";1,000;kWh;gemessen\r\n"
                + "01.06.2024 00:30;DE0001;2,000;kWh;gemessen\r\n", Charset.forName("windows-1252"));
        CsvFormat format = new CsvFormat(CsvProfiles.load(Path.of("config/csv-profiles"), "lastgang-15min"));
        FileImportResult r = stores.fileImport(stores.pipeline(), 1000, 1, Mode.ONE_PASS)
                .importFile(file, "long-id.csv", format, "t", "test");
        assertThat(r.outcome()).isEqualTo(Outcome.IMPORTED);
        assertThat(r.values()).isEqualTo(3);
        assertThat(r.quarantined()).isEqualTo(1);
        assertThat(observations()).isEqualTo(2);
        assertThat(stores.count("SELECT COUNT(*) FROM quarantine WHERE reason LIKE '%refused%'")).isEqualTo(1);
    }

    @Test
    void twoDropsImportingTheSameContentAtOnceStoreItOnce() throws Exception {
        Path a = dir.resolve("a.edi");
        long values = LegacyFileGenerator.mscons(a, 20, 2, Instant.parse("2024-04-01T00:00:00Z"));
        Path b = Files.copy(a, dir.resolve("b.edi"));
        FileImport fi = stores.fileImport(stores.pipeline(), 200, 2, Mode.ONE_PASS);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> fi.importFile(a, "a.edi", new MsconsFormat(MsconsOptions.defaults()), "t", "test"));
            var second = pool.submit(() -> fi.importFile(b, "b.edi", new MsconsFormat(MsconsOptions.defaults()), "t", "test"));
            List<Outcome> outcomes = List.of(first.get(120, java.util.concurrent.TimeUnit.SECONDS).outcome(),
                    second.get(120, java.util.concurrent.TimeUnit.SECONDS).outcome());
            assertThat(outcomes).containsExactlyInAnyOrder(Outcome.IMPORTED, Outcome.DUPLICATE);
        } finally {
            pool.shutdownNow();
        }
        assertThat(observations()).isEqualTo(values);
        assertThat(stores.count("SELECT COUNT(*) FROM legacy_imported_file")).isEqualTo(1);
    }
}
