package de.stadtwerk.hub.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import de.stadtwerk.hub.embedded.EmbeddedMqttBroker;
import de.stadtwerk.hub.store.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MQTT take-over of issue 8 with the broker docs/cluster.md recommends for a cluster: HiveMQ CE (here embedded in
 * the test JVM on a free port, in-memory persistence) as the one broker of two hub processes (the jar) on one
 * PostgreSQL schema, with an MQTT 5 shared subscription. HiveMQ keeps one queue per share group and hands messages
 * only to members that are connected; what a member had received but not acknowledged goes back to the group's
 * queue when its connection closes. So after a SIGKILL of hub-a the survivor hub-b stores everything that follows,
 * and hub-a's unacknowledged readings too, <b>without hub-a coming back</b> — although hub-a's session (default
 * {@code hub.mqtt.session-expiry} of 24 h) still exists on the broker. Every sequence number is counted in PostgreSQL
 * (stored once); the take-over time is the first commit of a reading published after the kill. Figures go to the
 * test's output (docs/cluster.md). Skipped without PostgreSQL (TestDatabases).
 */
class SharedSubscriptionTakeoverIT {

    private static final Duration BOOT = Duration.ofSeconds(180);
    private static final Pattern COMMITTED =
            Pattern.compile("(?m)^hub_mqtt_messages_committed_total\\{[^}]*}\\s+([0-9.E]+)");
    private static final Pattern RECEIVED =
            Pattern.compile("(?m)^hub_mqtt_messages_received_total\\{[^}]*}\\s+([0-9.E]+)");
    /** Reading n is at this time + n seconds; probes from n = PROBES on. */
    private static final Instant READINGS_FROM = Instant.parse("2026-11-26T09:00:00Z");
    private static final int PROBES = 1_000_000;

    @TempDir
    Path dir;

    private final String runId = "tk" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private String schemaUrl;
    private EmbeddedMqttBroker broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void dropSchema() {
        if (schemaUrl != null) {
            TestDatabases.dropPostgresSchema(schemaUrl);
        }
    }

    private HubProcess hub(String name, Path mappings) {
        // hub.mqtt.session-expiry stays at its default (PT24H): the killed instance's session outlives the test
        return new HubProcess(dir.resolve(name)).start(HubProcess.mqttClusterMember(schemaUrl,
                dir.resolve(name + "-data"), broker.url(), runId + "-" + name, runId, mappings), Map.of());
    }

    @Test
    void theSurvivorTakesOverTheKilledInstancesShareWithoutItComingBack() throws Exception {
        schemaUrl = TestDatabases.newPostgresSchema();
        // the group's queue must hold what arrives while hub-b alone catches up (HiveMQ's default: 1000)
        broker = new EmbeddedMqttBroker(0, dir.resolve("broker"), false, 1_000_000);
        broker.start();
        Path mappings = dir.resolve("mappings.yaml");
        Files.writeString(mappings, """
                mappings:
                  - name: takeover-reading
                    topic: %s/meters/+/reading
                    asset: "{$.meter}"
                    time: "{$.ts}"
                    values:
                      - obis: "{$.obis}"
                        value: "{$.value}"
                        unit: "{$.unit}"
                """.formatted(runId));
        int n = 6_000;
        HubProcess a = hub("hub-a", mappings);
        HubProcess b = hub("hub-b", mappings);
        Mqtt5BlockingClient device = device();
        try (a; b) {
            await().atMost(BOOT).until(() -> ready(a) && ready(b) && committed(a) >= 0 && committed(b) >= 0);
            // both members are subscribed once each has committed a probe (probes lie after the readings' times)
            int probes = 0;
            long probeEnd = System.nanoTime() + BOOT.toNanos();
            while ((committed(a) < 1 || committed(b) < 1) && System.nanoTime() < probeEnd) {
                publish(device, PROBES + probes++);
                try {
                    await().atMost(Duration.ofSeconds(2)).until(() -> committed(a) >= 1 && committed(b) >= 1);
                } catch (org.awaitility.core.ConditionTimeoutException notYet) {
                    // not both subscribed yet: the next probe
                }
            }
            assertThat(committed(a)).as("hub-a subscribed").isGreaterThanOrEqualTo(1);
            assertThat(committed(b)).as("hub-b subscribed").isGreaterThanOrEqualTo(1);
            double a0 = committed(a);
            double b0 = committed(b);
            assertThat(rows(0, n)).isZero();

            AtomicInteger published = new AtomicInteger();
            Thread publisher = new Thread(() -> {
                for (int i = 0; i < n; i++) {
                    publish(device, i);
                    published.incrementAndGet();
                }
            }, "takeover-it-device");
            long t0 = System.nanoTime();
            publisher.start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> published.get() >= n / 3);
            // HiveMQ hands the group's queue out in batches to whichever member polls, so the split is uneven: kill
            // the member that has been committing more of the readings (the one whose share matters)
            await().atMost(Duration.ofSeconds(30)).until(() -> committed(a) + committed(b) > a0 + b0 + 100);
            double shareA = committed(a) - a0;
            double shareB = committed(b) - b0;
            boolean killA = shareA >= shareB;
            HubProcess victim = killA ? a : b;
            HubProcess survivor = killA ? b : a;
            double s0 = killA ? b0 : a0;
            // received but not yet committed (so not acknowledged) by the victim, read just before the kill
            String victimMetrics = victim.body("/observe/metrics");
            double victimUnacked = metric(RECEIVED, victimMetrics) - metric(COMMITTED, victimMetrics);
            victim.kill();
            long killedAt = System.nanoTime();
            // every reading from here on was published after the victim's JVM was gone (kill() waits for its end)
            int firstAfterKill = published.get();
            long storedAtKill = rows(0, firstAfterKill);
            double survivorAtKill = committed(survivor) - s0;
            double victimShare = killA ? shareA : shareB;

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> rows(firstAfterKill, n) > 0);
            double takeover = (System.nanoTime() - killedAt) / 1e9;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> rows(0, firstAfterKill) == firstAfterKill);
            double preKillDone = (System.nanoTime() - killedAt) / 1e9;
            publisher.join(Duration.ofSeconds(60).toMillis());
            assertThat(publisher.isAlive()).as("the device published all readings").isFalse();
            long missing = 0;
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> rows(0, n) == n);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                missing = n - rows(0, n);
            }
            double allDone = (System.nanoTime() - t0) / 1e9;
            double survivorAfterKill = committed(survivor) - s0 - survivorAtKill;
            System.out.printf(Locale.ROOT, "[takeover] HiveMQ CE, %d QoS 1 readings; split before the kill hub-a %.0f /"
                            + " hub-b %.0f; %s (share %.0f) killed after %d published, %d of them stored at the kill,"
                            + " %.0f received and not acknowledged by it just before; the survivor stored the first"
                            + " reading published after the kill %.2f s after it, all %d published before the kill"
                            + " %.2f s after it; it committed %.0f after the kill (%d published after it); %d of %d"
                            + " stored once, killed instance not restarted, %.1f s in all%n",
                    n, shareA, shareB, killA ? "hub-a" : "hub-b", victimShare, firstAfterKill, storedAtKill,
                    victimUnacked, takeover, firstAfterKill, preKillDone, survivorAfterKill, n - firstAfterKill,
                    n - missing, n, allDone);
            assertThat(missing).as("readings not stored without the killed instance").isZero();
            assertThat(rows(0, n)).as("every sequence number stored once").isEqualTo(n);
            assertThat(distinctRows(0, n)).as("one row per sequence number").isEqualTo(n);
            assertThat(count("SELECT COUNT(*) FROM observation_history")).as("no value written twice with a change")
                    .isZero();
            assertThat(victimShare).as("the killed instance had a share before the kill").isGreaterThan(0);
            assertThat(survivorAfterKill).as("the survivor committed every reading published after the kill")
                    .isGreaterThanOrEqualTo(n - firstAfterKill);
        } catch (AssertionError | RuntimeException e) {
            // the hubs' logs live in the temporary folder, which is deleted: show their MQTT lines with the failure
            System.out.println("[takeover] failed: " + e.getMessage());
            for (HubProcess h : List.of(a, b)) {
                System.out.println("[takeover] " + h.log + " (MQTT and ERROR lines):");
                List<String> lines = h.logText().lines()
                        .filter(l -> l.contains("MQTT") || l.contains("ERROR") || l.contains("adopt")).toList();
                lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(l -> System.out.println("  " + l));
            }
            throw e;
        } finally {
            device.disconnect();
        }
    }

    private Mqtt5BlockingClient device() {
        Mqtt5BlockingClient c = MqttClient.builder().useMqttVersion5().identifier(runId + "-device")
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        c.connect();
        return c;
    }

    /** Reading n: meter n % 50 of this run, at second n after a fixed time (so each n is one stored value). */
    private void publish(Mqtt5BlockingClient device, int n) {
        String meter = runId + "-m-" + (n % 50);
        Instant ts = READINGS_FROM.plusSeconds(n);
        String payload = String.format(Locale.ROOT,
                "{\"meter\":\"%s\",\"ts\":\"%s\",\"obis\":\"1-0:1.8.0\",\"value\":%d.5,\"unit\":\"Wh\"}", meter, ts, n);
        device.publishWith().topic(runId + "/meters/" + meter + "/reading").qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
    }

    private static boolean ready(HubProcess hub) {
        return hub.body("/observe/health/ready").startsWith("{\"status\":\"UP\"");
    }

    /** The instance's committed MQTT messages (Prometheus metrics on the management port); -1 when not there. */
    private static double committed(HubProcess hub) {
        return metric(COMMITTED, hub.body("/observe/metrics"));
    }

    private static double metric(Pattern counter, String metrics) {
        Matcher m = counter.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    /** Stored rows of readings from (inclusive) .. to (exclusive). */
    private long rows(int from, int to) throws SQLException {
        return count("SELECT COUNT(*) FROM observation" + window(from, to));
    }

    /** Distinct sequence numbers (start times) stored among readings from .. to. */
    private long distinctRows(int from, int to) throws SQLException {
        return count("SELECT COUNT(DISTINCT start_ts) FROM observation" + window(from, to));
    }

    private String window(int from, int to) {
        return " WHERE series_id LIKE '" + runId + "-m-%' AND start_ts >= '" + READINGS_FROM.plusSeconds(from)
                + "' AND start_ts < '" + READINGS_FROM.plusSeconds(to) + "'";
    }

    private long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(schemaUrl, TestDatabases.PG_USER, "");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0;
            }
            throw e;
        }
    }
}
