package de.stadtwerk.hub.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.stadtwerk.hub.store.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hub processes on one PostgreSQL with hub.scheduler.clustered=true: a schedule firing every second runs once per
 * firing across both instances (20 consecutive firings: 20 runs in total), and after a SIGKILL of one instance the other goes on firing. Each firing writes its
 * scheduled time and the instance into a table; a firing run twice would be two rows with one time. Skipped without
 * PostgreSQL.
 */
class ClusteredSchedulerIT {

    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final String PROBE = """
            - route:
                id: cluster-probe
                description: Test route of the cluster test, fired every second by the clustered scheduler.
                routeConfigurationId: hub-error-handling
                from:
                  id: cluster-probe-schedule
                  uri: quartz
                  parameters:
                    groupName: cluster-test
                    triggerName: probe
                    cron: "0/1 * * * * ?"
                    trigger.timeZone: Europe/Berlin
                  steps:
                    - to:
                        id: cluster-probe-record
                        uri: sql
                        parameters:
                          query: "INSERT INTO cluster_probe (fired_at, instance) VALUES (:#${header.scheduledFireTime}, '{{hub.test.instance}}')"
                          dataSource: "#hubDataSource"
            """;

    @TempDir
    Path dir;

    private String schemaUrl;

    @AfterEach
    void dropSchema() {
        if (schemaUrl != null) {
            TestDatabases.dropPostgresSchema(schemaUrl);
        }
    }

    private HubProcess hub(String name) throws Exception {
        Path work = dir.resolve(name);
        HubProcess hub = new HubProcess(work);
        Files.createDirectories(work.resolve("routes/test"));
        Files.writeString(work.resolve("routes/test/cluster-probe.camel.yaml"), PROBE);
        Map<String, String> props = new HashMap<>();
        props.put("hub.db.url", schemaUrl);
        props.put("hub.db.user", TestDatabases.PG_USER);
        props.put("hub.data.dir", dir.resolve(name + "-data").toString());
        props.put("hub.scheduler.clustered", "true");
        props.put("hub.scheduler.cluster-checkin-interval", "1000");
        props.put("hub.test.instance", name);
        props.put("hub.opendata.run-at-start", "false");
        props.put("hub.demo.enabled", "false");
        props.put("hub.mqtt.client-id", "cluster-it-" + name);
        props.put("hub.energiewetter.mqtt.enabled", "false");
        return hub.start(props, Map.of());
    }

    @Test
    void eachFiringRunsOnceAcrossTwoInstancesAndTheSurvivorTakesOver() throws Exception {
        schemaUrl = TestDatabases.newPostgresSchema();
        try (HubProcess a = hub("hub-a"); HubProcess b = hub("hub-b")) {
            await().atMost(BOOT).until(() -> a.body("/observe/health/ready").startsWith("{\"status\":\"UP\"")
                    && b.body("/observe/health/ready").startsWith("{\"status\":\"UP\""));
            // after the hubs migrated their (then empty) schema; firings before this fail and are not counted
            execute("CREATE TABLE cluster_probe (fired_at TIMESTAMPTZ NOT NULL, instance VARCHAR(20) NOT NULL)");
            long start = count("SELECT COUNT(*) FROM cluster_probe");
            await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT COUNT(*) FROM cluster_probe") >= start + 20);
            assertThat(count("SELECT COUNT(*) FROM (SELECT fired_at FROM cluster_probe GROUP BY fired_at"
                    + " HAVING COUNT(*) > 1) d")).as("firings run twice").isZero();
            // 20 consecutive firings (after the first, which may have met a hub still starting) ran 20 times in total:
            // each scheduled second once, none missed
            long first = count("SELECT MIN(EXTRACT(EPOCH FROM fired_at)) FROM cluster_probe");
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    count("SELECT MAX(EXTRACT(EPOCH FROM fired_at)) FROM cluster_probe") >= first + 21);
            String window = " FROM cluster_probe WHERE EXTRACT(EPOCH FROM fired_at) >= " + (first + 1)
                    + " AND EXTRACT(EPOCH FROM fired_at) < " + (first + 21);
            assertThat(count("SELECT COUNT(*)" + window)).as("20 firings, run 20 times").isEqualTo(20);
            assertThat(count("SELECT COUNT(DISTINCT fired_at)" + window)).isEqualTo(20);
            assertThat(count("SELECT COUNT(DISTINCT instance)" + window)).as("by either instance").isBetween(1L, 2L);

            a.kill();
            long atKill = count("SELECT MAX(EXTRACT(EPOCH FROM fired_at)) FROM cluster_probe");
            // take-over: firings go on, on the survivor; a trigger the killed instance had already acquired is
            // recovered once it misses its check-in (interval + Quartz's 7.5 s tolerance), so allow 2 x 1 s + 7.5 s + 5 s
            long killed = System.nanoTime();
            await().atMost(Duration.ofMillis(14_500)).until(() ->
                    count("SELECT COUNT(*) FROM cluster_probe WHERE instance = 'hub-b' AND EXTRACT(EPOCH FROM fired_at) > "
                            + (atKill + 2)) >= 3);
            long firstAfter = count("SELECT MIN(EXTRACT(EPOCH FROM fired_at)) FROM cluster_probe WHERE EXTRACT(EPOCH FROM"
                    + " fired_at) > " + atKill);
            System.out.printf(java.util.Locale.ROOT, "[cluster] F10: after the SIGKILL of hub-a the next scheduled second"
                    + " that ran was %d s after the last one before it; hub-b had 3 firings after that %.1f s after the"
                    + " kill%n", firstAfter - atKill, (System.nanoTime() - killed) / 1e9);
            assertThat(count("SELECT COUNT(*) FROM (SELECT fired_at FROM cluster_probe GROUP BY fired_at"
                    + " HAVING COUNT(*) > 1) d")).as("firings run twice").isZero();
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(schemaUrl, TestDatabases.PG_USER, "");
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(schemaUrl, TestDatabases.PG_USER, "");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
