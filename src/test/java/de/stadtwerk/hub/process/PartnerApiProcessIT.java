package de.stadtwerk.hub.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The partner API of the hub as a user runs it (the jar): served on the business port, management only on its own
 * port (S3), the admin key bootstrapped into an owner-only file and absent from the log (S8), and not created again
 * on the next start.
 */
class PartnerApiProcessIT {

    private static final Duration BOOT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void theApiRunsOnTheBusinessPortAndTheAdminKeyIsBootstrappedOnce() throws Exception {
        Path data = dir.resolve("data");
        Path keyFile = data.resolve("initial-admin-key.txt");
        String key;
        try (HubProcess hub = new HubProcess(dir.resolve("work")).start(Map.of("hub.data.dir", data.toString()), Map.of())) {
            await().atMost(BOOT).until(() -> hub.body("/observe/health/ready").startsWith("{\"status\":\"UP\""));
            assertThat(hub.get(hub.port, "/observe/health").statusCode()).as("health on the business port").isEqualTo(404);
            assertThat(hub.get(hub.port, "/observe/metrics").statusCode()).as("metrics on the business port").isEqualTo(404);
            assertThat(hub.body("/observe/health/ready")).contains("route:partner-api-handle");

            assertThat(hub.get(hub.port, "/api/v1/datasets").statusCode()).isEqualTo(200);
            assertThat(hub.get(hub.port, "/api/v1/openapi.json").body()).contains("\"openapi\"");
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(keyFile));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            key = Files.readAllLines(keyFile).stream().filter(l -> l.startsWith("swh_")).findFirst().orElseThrow();
            assertThat(hub.logText()).contains("created admin key").contains(keyFile.toString()).doesNotContain(key);
            assertThat(hub.get(hub.managementPort, "/observe/metrics").body()).doesNotContain(key);
        }
        Files.delete(keyFile);
        try (HubProcess hub = new HubProcess(dir.resolve("work2")).start(Map.of("hub.data.dir", data.toString()), Map.of())) {
            await().atMost(BOOT).until(() -> hub.body("/observe/health/ready").startsWith("{\"status\":\"UP\""));
            assertThat(Files.exists(keyFile)).as("an admin key exists: no new one").isFalse();
            assertThat(hub.logText()).doesNotContain("created admin key");
        }
    }
}
