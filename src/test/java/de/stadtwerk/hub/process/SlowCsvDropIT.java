package de.stadtwerk.hub.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.stadtwerk.hub.bench.LegacyFileGenerator;
import de.stadtwerk.hub.store.TestDatabases;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RELIABILITY F6: a CSV file written slowly into the drop folder of the running hub (the jar; store: a schema of the
 * machine's PostgreSQL) is not read before it is complete (read lock "changed" with a minimum age), and is then
 * stored whole; a truncated file goes to error/ with its reason and stores nothing. Default: ~5 MB over 4 s;
 * -Dreliability.long=true: ~50 MB over 10 s (figures: target/reliability/F6.json).
 */
class SlowCsvDropIT {

    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final Instant FROM = Instant.parse("2024-05-01T00:00:00Z");

    @TempDir
    Path dir;

    private String schemaUrl;

    @AfterEach
    void dropSchema() {
        if (schemaUrl != null) {
            TestDatabases.dropPostgresSchema(schemaUrl);
        }
    }

    @Test
    void aSlowlyWrittenCsvIsReadOnlyWhenCompleteAndATruncatedOneGoesToErrorWithItsReason() throws Exception {
        int locations = ReliabilityFigures.pick(10, 100);
        int writeSeconds = ReliabilityFigures.pick(4, 10);
        schemaUrl = TestDatabases.newPostgresSchema();
        Path data = dir.resolve("data");
        Path inbox = data.resolve("inbox/csv/lastgang-15min");
        Path staged = Files.createDirectories(dir.resolve("staged")).resolve("slow.csv");
        long rows = LegacyFileGenerator.csv(staged, locations, 90, FROM);
        long bytes = Files.size(staged);
        Path truncatedStaged = dir.resolve("staged/truncated.csv");
        LegacyFileGenerator.csv(truncatedStaged, 1, 1, FROM);
        String small = new String(Files.readAllBytes(truncatedStaged), StandardCharsets.ISO_8859_1)
                .replace(LegacyFileGenerator.location(0), "DE9990000000000000000000000000000");
        String cut = small.substring(0, small.lastIndexOf('\n', small.length() - 3) + 20); // inside the last row
        Files.write(truncatedStaged, cut.getBytes(StandardCharsets.ISO_8859_1));

        Map<String, String> props = Map.of("hub.db.url", schemaUrl, "hub.db.user", TestDatabases.PG_USER,
                "hub.opendata.run-at-start", "false", "hub.data.dir", data.toString(),
                "hub.legacy.files.poll-delay", "200", "hub.legacy.files.read-lock-min-age", "1500",
                "hub.legacy.files.read-lock-check-interval", "200", "hub.demo.enabled", "false");
        ReliabilityFigures fig = new ReliabilityFigures("F6", "CSV written slowly into the drop folder, and a truncated CSV");
        try (HubProcess hub = new HubProcess(dir.resolve("work")).start(props, Map.of())) {
            await().atMost(BOOT).pollInterval(Duration.ofMillis(200))
                    .until(() -> hub.body("/observe/health/ready").startsWith("{\"status\":\"UP\""));
            Files.createDirectories(inbox);

            // the slow writer: the whole file in 50 pieces over writeSeconds, checking after each piece
            Path target = inbox.resolve("slow.csv");
            long early = 0;
            boolean movedEarly = false;
            long start = System.nanoTime();
            try (InputStream in = Files.newInputStream(staged); OutputStream out = Files.newOutputStream(target)) {
                byte[] piece = new byte[(int) (bytes / 50) + 1];
                int n;
                int i = 0;
                while ((n = in.readNBytes(piece, 0, piece.length)) > 0) {
                    out.write(piece, 0, n);
                    out.flush();
                    long due = start + TimeUnit.SECONDS.toNanos(writeSeconds) * ++i / 50;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait); // the writer's pace (the scenario)
                    }
                    early = Math.max(early, count("DE0000000000000000000000%"));
                    movedEarly |= !Files.exists(target);
                }
            }
            long written = System.nanoTime();
            Files.copy(truncatedStaged, inbox.resolve(".truncated.csv.part"), StandardCopyOption.REPLACE_EXISTING);
            Files.move(inbox.resolve(".truncated.csv.part"), inbox.resolve("truncated.csv"));

            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.exists(inbox.resolve("done/slow.csv")));
            long doneMs = (System.nanoTime() - written) / 1_000_000;
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(inbox.resolve("error/truncated.csv.reason.txt")));
            long stored = count("DE0000000000000000000000%");
            long distinct = countDistinct("DE0000000000000000000000%");
            long truncatedRows = count("DE999%");
            String reason = Files.readString(inbox.resolve("error/truncated.csv.reason.txt"));
            fig.put("load", String.format("%.1f MB (%d rows) written over %d s; a truncated CSV", bytes / 1e6, rows, writeSeconds))
                    .put("readBeforeComplete", early).put("lost", rows - distinct).put("doubled", stored - distinct)
                    .put("truncatedRowsStored", truncatedRows)
                    .put("recoveryMs", doneMs).put("recovery", "write complete to file in done/ (read lock min age 1.5 s)")
                    .write();
            assertThat(early).as("rows stored while the file was still being written").isZero();
            assertThat(movedEarly).as("file taken while still being written").isFalse();
            assertThat(stored).isEqualTo(rows);
            assertThat(distinct).isEqualTo(rows);
            assertThat(truncatedRows).as("no partial rows of the truncated file").isZero();
            assertThat(inbox.resolve("error/truncated.csv")).exists();
            assertThat(reason).contains("truncated.csv").contains("Nothing of this file was stored");
        }
    }

    private long count(String like) throws Exception {
        return query("SELECT COUNT(*) FROM observation WHERE series_id LIKE ?", like);
    }

    private long countDistinct(String like) throws Exception {
        return query("SELECT COUNT(*) FROM (SELECT DISTINCT series_id, start_ts FROM observation WHERE series_id LIKE ?) d", like);
    }

    private long query(String sql, String like) throws Exception {
        try (Connection c = DriverManager.getConnection(schemaUrl, TestDatabases.PG_USER, "");
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, like);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            } 
        } catch (java.sql.SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0; // not migrated yet
            }
            throw e;
        }
    }
}
