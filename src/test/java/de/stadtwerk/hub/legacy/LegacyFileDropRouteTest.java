package de.stadtwerk.hub.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import de.stadtwerk.hub.parse.mscons.MsconsParser;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The MSCONS and CSV drop routes (routes/legacy/*-drop.camel.yaml) on the real file consumer: files are dropped
 * into the inbox folders and the test waits for them in done/ or error/ and for their values in the store.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "camel.server.enabled=false", "camel.management.enabled=false",
            "hub.db.url=jdbc:h2:mem:legacy-drop-route-test;DB_CLOSE_DELAY=-1",
            "hub.data.dir=target/legacy-drop-route-test",
            "hub.legacy.files.poll-delay=100", "hub.legacy.files.read-lock-min-age=1500",
            "hub.legacy.files.read-lock-check-interval=200", "hub.legacy.files.chunk-size=500"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyFileDropRouteTest {

    static final Path DATA = Path.of("target/legacy-drop-route-test");
    static final Path MSCONS = DATA.resolve("inbox/mscons");
    static final Path LASTGANG = DATA.resolve("inbox/csv/lastgang-15min");
    static final Duration WAIT = Duration.ofSeconds(20);

    static {
        deleteTree(DATA);
    }

    @BeanInject("hubDataSource")
    DataSource db;

    @Test
    void theRealMsconsSampleIsStoredAndMovedToDone() throws Exception {
        drop("vdmitriyev_MSCONS_TL_SAMPLE01.txt", MSCONS, "sample01.txt");
        awaitFile(MSCONS.resolve("done/sample01.txt"));
        // 2976 values: the one reversed interval is refused by the pipeline and quarantined, the others are stored
        // once per (series, start, end) - the sample repeats a few intervals
        long distinct;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/mscons/vdmitriyev_MSCONS_TL_SAMPLE01.txt")) {
            distinct = new MsconsParser().parseAll(new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1))
                    .observations().stream().filter(o -> !o.end().isBefore(o.start()))
                    .map(o -> o.seriesId() + o.start() + o.end()).distinct().count();
        }
        assertThat(distinct).isBetween(2900L, 2975L);
        assertThat(count("SELECT COUNT(*) FROM observation WHERE series_id LIKE 'US0001062600000001000000022345671.%'"))
                .isEqualTo(distinct);
        assertThat(count("SELECT COUNT(*) FROM quarantine WHERE payload LIKE '%US0001062600000001000000022345671%' AND reason LIKE '%is before start%'"))
                .isEqualTo(1);
        assertThat(MSCONS.resolve("sample01.txt")).doesNotExist();
    }

    @Test
    void aBrokenMessageIsQuarantinedWithItsSegmentAndTheOtherMessageIsStored() throws Exception {
        drop("mscons-bad-number.edi", MSCONS, "bad-number.edi");
        awaitFile(MSCONS.resolve("done/bad-number.edi"));
        assertThat(count("SELECT COUNT(*) FROM observation WHERE series_id LIKE 'DE000AAA.%'")).isEqualTo(2);
        assertThat(text("SELECT reason FROM quarantine WHERE reason LIKE 'bad-number.edi:%'"))
                .contains("message 2").contains("segment").contains("QTY+220:");
    }

    @Test
    void aTruncatedFileGoesToErrorWithItsReasonAndNothingIsStored() throws Exception {
        drop("mscons-truncated.edi", MSCONS, "truncated.edi");
        awaitFile(MSCONS.resolve("error/truncated.edi.reason.txt"));
        awaitFile(MSCONS.resolve("error/truncated.edi"));
        assertThat(Files.readString(MSCONS.resolve("error/truncated.edi.reason.txt")))
                .contains("truncated.edi").contains("truncated file").contains("Nothing of this file was stored");
        assertThat(count("SELECT COUNT(*) FROM observation WHERE series_id LIKE 'DE000BBB.%'")).isZero();
    }

    @Test
    void theSameContentUnderAnotherNameIsImportedOnceAndAChangedFileReplacesTheValues() throws Exception {
        String v1 = interchange("DE000DUP", "1,5");
        Files.writeString(MSCONS.resolve(".dup-1.tmp"), v1);
        Files.move(MSCONS.resolve(".dup-1.tmp"), MSCONS.resolve("dup-1.edi"));
        awaitFile(MSCONS.resolve("done/dup-1.edi"));
        assertThat(value("DE000DUP")).isEqualTo(1500.0);

        // tamper with the stored value: a re-import of the same content would restore it
        update("UPDATE observation SET val = 42 WHERE series_id LIKE 'DE000DUP.%'");
        Files.writeString(MSCONS.resolve(".dup-2.tmp"), v1);
        Files.move(MSCONS.resolve(".dup-2.tmp"), MSCONS.resolve("dup-2.edi"));
        awaitFile(MSCONS.resolve("done/dup-2.edi"));
        assertThat(value("DE000DUP")).as("same content is not imported again").isEqualTo(42.0);
        assertThat(count("SELECT COUNT(*) FROM legacy_imported_file WHERE file_name = 'dup-1.edi'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM legacy_imported_file WHERE file_name = 'dup-2.edi'")).isZero();

        // the same name with a corrected value: imported again, the value replaced, the old one in the history
        Files.writeString(MSCONS.resolve(".dup-3.tmp"), interchange("DE000DUP", "2,5"));
        Files.move(MSCONS.resolve(".dup-3.tmp"), MSCONS.resolve("dup-1.edi"));
        awaitFile(MSCONS.resolve("done/dup-1-2.edi"));
        assertThat(value("DE000DUP")).isEqualTo(2500.0);
        assertThat(count("SELECT COUNT(*) FROM observation_history WHERE series_id LIKE 'DE000DUP.%' AND new_value = 2500"))
                .isEqualTo(1);
    }

    @Test
    void aHalfWrittenFileIsNotReadBeforeItIsComplete() throws Exception {
        String full = interchange("DE000HALF", "3");
        int cut = full.indexOf("QTY");
        Path file = MSCONS.resolve("half.edi");
        Files.writeString(file, full.substring(0, cut));
        await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(3))
                .until(() -> Files.exists(file) && !Files.exists(MSCONS.resolve("error/half.edi")));
        Files.writeString(file, full.substring(cut), StandardOpenOption.APPEND);
        awaitFile(MSCONS.resolve("done/half.edi"));
        assertThat(value("DE000HALF")).isEqualTo(3000.0);
        assertThat(MSCONS.resolve("error/half.edi")).doesNotExist();
    }

    @Test
    void aCsvFileOfTheAutumnDstDayIsStoredWith100QuarterHours() throws Exception {
        drop("../csv/lastgang-dst-autumn-2024-10-27.csv", LASTGANG, "autumn.csv");
        awaitFile(LASTGANG.resolve("done/autumn.csv"));
        assertThat(count("SELECT COUNT(*) FROM observation WHERE series_id = 'DE0001111111111111111111111111111.energy_import.1-1:1.29.0'"
                + " AND start_ts >= TIMESTAMP WITH TIME ZONE '2024-10-26 22:00:00+00' AND start_ts < TIMESTAMP WITH TIME ZONE '2024-10-27 23:00:00+00'"))
                .isEqualTo(100);
    }

    @Test
    void aCsvFileWithABadCellGoesToErrorNamingLineAndColumn() throws Exception {
        drop("../csv/lastgang-bad-number.csv", LASTGANG, "bad.csv");
        awaitFile(LASTGANG.resolve("error/bad.csv.reason.txt"));
        assertThat(Files.readString(LASTGANG.resolve("error/bad.csv.reason.txt"))).contains("line 4").contains("column 3");
        assertThat(count("SELECT COUNT(*) FROM observation WHERE series_id LIKE 'DE000BAD.%'"))
                .as("no partial rows: the two good lines before the bad one are not stored either").isZero();
    }

    @Test
    void aCsvFileOutsideAProfileFolderIsRejectedWithAHint() throws Exception {
        Path unknown = DATA.resolve("inbox/csv/no-such-profile");
        Files.createDirectories(unknown);
        drop("../csv/lastgang-bad-number.csv", unknown, "x.csv");
        awaitFile(unknown.resolve("error/x.csv.reason.txt"));
        assertThat(Files.readString(unknown.resolve("error/x.csv.reason.txt"))).contains("no CSV profile 'no-such-profile'");
    }

    static String interchange(String loc, String value) {
        return "UNB+UNOC:3+A:500+B:500+240101:0000+" + loc + "'UNH+1+MSCONS:D:04B:UN:2.4c'BGM+7+D1+9'LOC+172+" + loc
                + "'LIN+1'PIA+5+1-1?:1.29.0:SRW'QTY+220:" + value + ":KWH'DTM+163:202401150000?+01:303'"
                + "DTM+164:202401150015?+01:303'UNT+9+1'UNZ+1+" + loc + "'";
    }

    /** Copies a fixture into the inbox atomically (written beside it under a hidden name, then renamed). */
    static void drop(String fixture, Path inbox, String name) throws IOException {
        Files.createDirectories(inbox);
        Path tmp = inbox.resolve("." + name + ".tmp");
        try (InputStream in = LegacyFileDropRouteTest.class.getResourceAsStream("/fixtures/mscons/" + fixture)) {
            assertThat(in).as(fixture).isNotNull();
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    static void awaitFile(Path file) {
        await().atMost(WAIT).until(() -> Files.exists(file));
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String text(String sql) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    private double value(String loc) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT val FROM observation WHERE series_id LIKE ?")) {
            ps.setString(1, loc + ".%");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a value of " + loc).isTrue();
                return rs.getDouble(1);
            }
        }
    }

    private void update(String sql) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String utf8(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
