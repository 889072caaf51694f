package de.stadtwerk.hub.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub as a user runs it: the jar, config/application.properties, overrides, health, metrics, route files. */
class HubProcessIT {

    private static final Duration BOOT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void runsFromTheJarWithAnEnvironmentOverrideAndServesHealthAndMetrics() throws Exception {
        Path envData = dir.resolve("env-data");
        try (HubProcess hub = new HubProcess(dir.resolve("work")).start(
                Map.of("hub.assets.reload-interval", "200"),
                Map.of("HUB_DATA_DIR", envData.toString()))) {
            await().atMost(BOOT).until(() -> hub.body("/observe/health/ready").startsWith("{\"status\":\"UP\""));
            String ready = hub.body("/observe/health/ready");
            assertThat(ready).contains("\"name\":\"store\",\"status\":\"UP\"").contains("route:core-ingest");
            assertThat(hub.get("/observe/health/live").statusCode()).isEqualTo(200);
            assertThat(hub.body("/observe/health")).startsWith("{\"status\":\"UP\"");
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.body("/observe/metrics").contains("routeId=\"core-assets-reload\""));
            assertThat(hub.body("/observe/metrics")).contains("camel_exchanges_total").contains("camel_route_policy_seconds");
            assertThat(Files.exists(envData.resolve("store/hub.mv.db"))).as("H2 file under HUB_DATA_DIR").isTrue();
            assertThat(Files.exists(dir.resolve("work/data"))).as("default data dir not used").isFalse();
        }
    }

    @Test
    void brokenRouteFilesAreReportedWithTheirNameAndTheOtherRoutesRun() throws Exception {
        Path work = dir.resolve("work");
        HubProcess prepared = new HubProcess(work);
        Files.createDirectories(work.resolve("routes/broken"));
        Files.writeString(work.resolve("routes/broken/half-edited.camel.yaml"), """
                - route:
                    id: broken-route
                    description: an edit that was saved half-way
                    from:
                      uri: timer:x
                      steps:
                        - to: {uri: log:x
                """);
        Files.writeString(work.resolve("routes/broken/typo-in-bean.camel.yaml"), """
                - route:
                    id: typo-route
                    description: a bean name with a typo
                    from:
                      uri: timer:typo
                      steps:
                        - bean: {ref: ingestPipline, method: ingest}
                """);
        try (HubProcess hub = prepared.start(Map.of("hub.data.dir", dir.resolve("data").toString()), Map.of())) {
            await().atMost(BOOT).until(() -> hub.body("/observe/health/ready").startsWith("{\"status\":\"UP\""));
            assertThat(hub.body("/observe/health/ready")).contains("route:core-ingest").doesNotContain("broken-route");
            assertThat(hub.logText()).contains("half-edited.camel.yaml")
                    .contains("Route file routes/broken/typo-in-bean.camel.yaml is not loaded: route typo-route cannot be"
                            + " created: No bean could be found in the registry for: ingestPipline");
            assertThat(hub.body("/observe/health/ready")).doesNotContain("typo-route");
        }
    }

    @Test
    void devReloadPicksUpANewRouteFileAndRejectsABrokenEdit() throws Exception {
        Path work = dir.resolve("work");
        try (HubProcess hub = new HubProcess(work).start(
                Map.of("hub.routes.reload", "true", "hub.data.dir", dir.resolve("data").toString()), Map.of())) {
            await().atMost(BOOT).until(() -> hub.body("/observe/health/ready").startsWith("{\"status\":\"UP\""));
            Path extra = work.resolve("routes/core/dev-extra.camel.yaml");
            Files.writeString(extra, """
                    - route:
                        id: dev-extra
                        description: added while the hub runs
                        from:
                          id: dev-extra-timer
                          uri: timer:dev-extra
                          parameters:
                            period: "60000"
                          steps:
                            - log:
                                id: dev-extra-log
                                message: dev extra
                    """);
            await().atMost(Duration.ofSeconds(30)).until(() -> hub.body("/observe/health/ready").contains("route:dev-extra"));

            Files.writeString(extra, "- route:\n    id: dev-extra\n    from: {uri: timer:x\n");
            await().atMost(Duration.ofSeconds(30)).until(() -> hub.logText().contains("dev-extra.camel.yaml"));
            assertThat(hub.isAlive()).isTrue();
            String ready = hub.body("/observe/health/ready");
            assertThat(ready).startsWith("{\"status\":\"UP\"").contains("route:core-ingest").contains("route:core-assets-reload");
        }
    }

    @Test
    void withoutItsStoreTheHubRunsWithReadinessDownAndSaysWhy() throws Exception {
        int closedPort = HubProcess.freePort();
        try (HubProcess hub = new HubProcess(dir.resolve("work")).start(
                Map.of("hub.data.dir", dir.resolve("data").toString(), "hub.db.migrate-retry-interval", "500"),
                Map.of("HUB_DB_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/hub", "HUB_DB_USER", "hub"))) {
            await().atMost(BOOT).until(() -> hub.get("/observe/health/live") != null
                    && hub.get("/observe/health/live").statusCode() == 200);
            var ready = hub.get("/observe/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"name\":\"store\",\"status\":\"DOWN\"").contains("not migrated");
            assertThat(hub.logText()).contains("jdbc:postgresql://127.0.0.1:" + closedPort + "/hub is not ready");
        }
    }
}
