package de.stadtwerk.hub.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.stadtwerk.hub.bench.LegacyFileGenerator;
import de.stadtwerk.hub.ingest.IngestPipeline;
import de.stadtwerk.hub.ingest.IngestResult;
import de.stadtwerk.hub.legacy.FileImportResult.Outcome;
import de.stadtwerk.hub.parse.csv.CsvProfiles;
import de.stadtwerk.hub.parse.mscons.MsconsOptions;
import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.store.StoreUnavailableException;
import de.stadtwerk.hub.store.TestDatabases;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileImport} on an H2 store: chunks, restart after a failure mid-import, duplicates, DST days. */
class FileImportTest {

    @TempDir
    Path dir;

    StoreDatabase db;
    LegacyStores stores;

    @BeforeEach
    void open() {
        db = TestDatabases.h2(dir.resolve("db"));
        stores = new LegacyStores(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** A pipeline that fails like a store outage from its {@code failAt}-th chunk on. */
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
        public IngestResult ingest(Object body, String source, String routeId, Long replayOf) {
            if (calls.incrementAndGet() >= failAt) {
                throw new StoreUnavailableException("simulated outage", null);
            }
            return real.ingest(body, source, routeId, replayOf);
        }
    }

    @Test
    void anImportInterruptedMidFileIsRepeatedWithNoValueLostAndNoneDoubled() throws Exception {
        Path file = dir.resolve("big.edi");
        long values = LegacyFileGenerator.mscons(file, 20, 1, Instant.parse("2024-03-30T23:00:00Z"));
        MsconsFormat format = new MsconsFormat(MsconsOptions.defaults());
        FailingPipeline failing = new FailingPipeline(stores.pipeline(), 5);

        assertThatThrownBy(() -> stores.fileImport(failing, 100).importFile(file, "big.edi", format, "t", "test"))
                .isInstanceOf(StoreUnavailableException.class);
        long afterCrash = stores.count("SELECT COUNT(*) FROM observation");
        assertThat(afterCrash).as("the committed chunks before the outage").isEqualTo(400);
        assertThat(stores.imported.find(FileImport.sha256(file))).as("no record: the file will be imported again").isEmpty();

        FileImportResult again = stores.fileImport(stores.pipeline(), 100).importFile(file, "big.edi", format, "t", "test");
        assertThat(again.outcome()).isEqualTo(Outcome.IMPORTED);
        assertThat(again.values()).isEqualTo(values).isEqualTo(1920);
        assertThat(stores.count("SELECT COUNT(*) FROM observation")).isEqualTo(values);
        assertThat(stores.count("SELECT COUNT(*) FROM observation_history")).as("nothing changed twice").isZero();

        FileImportResult third = stores.fileImport(stores.pipeline(), 100).importFile(file, "copy.edi", format, "t", "test");
        assertThat(third.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(third.reason()).contains("big.edi");
    }

    @Test
    void aFileBrokenAtItsEndStoresNothing() throws Exception {
        Path file = dir.resolve("cut.edi");
        LegacyFileGenerator.mscons(file, 20, 1, Instant.parse("2024-01-01T00:00:00Z"));
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, all.length - 40));
        FileImportResult r = stores.fileImport(stores.pipeline(), 100).importFile(file, "cut.edi",
                new MsconsFormat(MsconsOptions.defaults()), "t", "test");
        assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(r.reason()).contains("truncated");
        assertThat(stores.count("SELECT COUNT(*) FROM observation")).isZero();
    }

    @Test
    void theSpringDstDayHas92QuarterHoursAndTheAutumnDay100() throws Exception {
        CsvFormat format = new CsvFormat(CsvProfiles.load(Path.of("config/csv-profiles"), "lastgang-15min"));
        for (String name : new String[] {"lastgang-dst-spring-2024-03-31.csv", "lastgang-dst-autumn-2024-10-27.csv"}) {
            Path f = dir.resolve(name);
            try (InputStream in = getClass().getResourceAsStream("/fixtures/csv/" + name)) {
                Files.copy(in, f);
            }
            assertThat(stores.fileImport(stores.pipeline(), 10).importFile(f, name, format, "t", "test").outcome())
                    .isEqualTo(Outcome.IMPORTED);
        }
        assertThat(stores.count("SELECT COUNT(*) FROM observation WHERE start_ts < TIMESTAMP WITH TIME ZONE '2024-04-01 00:00:00+00'"))
                .isEqualTo(92);
        assertThat(stores.count("SELECT COUNT(*) FROM observation WHERE start_ts > TIMESTAMP WITH TIME ZONE '2024-10-01 00:00:00+00'"))
                .isEqualTo(100);
    }
}
