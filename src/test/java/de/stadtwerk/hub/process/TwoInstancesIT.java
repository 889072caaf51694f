package de.stadtwerk.hub.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import de.stadtwerk.hub.bench.LegacyFileGenerator;
import de.stadtwerk.hub.store.TestDatabases;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hub processes (the real jar) on one PostgreSQL schema and one broker (a Mosquitto of the test's own, configured
 * as docs/cluster.md asks): field messages through an MQTT shared subscription are split between the instances and
 * stored once, also when one instance is killed (SIGKILL) while the devices publish and does not come back (the other
 * adopts its broker session, docs/cluster.md); files dropped into one folder that both instances watch are imported
 * once each (cluster read lock in the database). Every run has its own id (topics, client ids, group, schema).
 * Figures go to the test's output (docs/cluster.md). Skipped without PostgreSQL or the Mosquitto binary.
 */
class TwoInstancesIT {

    private static final Duration BOOT = Duration.ofSeconds(180);
    private static final Path MOSQUITTO = Path.of(System.getProperty("hub.test.mosquitto", "/usr/sbin/mosquitto"));
    private static final Pattern COMMITTED =
            Pattern.compile("(?m)^hub_mqtt_messages_committed_total\\{[^}]*}\\s+([0-9.E]+)");

    /** Reading n is at this time + n seconds; probes from n = PROBES on. */
    private static final Instant READINGS_FROM = Instant.parse("2026-11-26T09:00:00Z");
    private static final int PROBES = 1_000_000;

    @TempDir
    Path dir;

    private final String runId = "cl" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private String schemaUrl;
    private String broker;
    private Process mosquitto;

    @AfterEach
    void stopBroker() throws InterruptedException {
        if (mosquitto != null) {
            mosquitto.destroy();
            mosquitto.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @AfterEach
    void dropSchema() {
        if (schemaUrl != null) {
            TestDatabases.dropPostgresSchema(schemaUrl);
        }
    }

    private Map<String, String> common(Path data) {
        Map<String, String> props = new HashMap<>();
        props.put("hub.db.url", schemaUrl);
        props.put("hub.db.user", TestDatabases.PG_USER);
        props.put("hub.data.dir", data.toString());
        props.put("hub.opendata.run-at-start", "false");
        props.put("hub.demo.enabled", "false");
        props.put("hub.embedded.opcua.enabled", "false");
        props.put("hub.energiewetter.mqtt.enabled", "false");
        return props;
    }

    private HubProcess mqttHub(String name, Path mappings) {
        Map<String, String> props = HubProcess.mqttClusterMember(schemaUrl, dir.resolve(name + "-data"), broker,
                runId + "-" + name, runId, mappings);
        props.put("hub.mqtt.session-expiry", "PT5M");
        return new HubProcess(dir.resolve(name)).start(props, Map.of());
    }

    @Test
    void fieldMessagesAreSplitStoredOnceAndTheSurvivorTakesOverAfterASigkill() throws Exception {
        startBroker();
        schemaUrl = TestDatabases.newPostgresSchema();
        Path mappings = dir.resolve("mappings.yaml");
        Files.writeString(mappings, """
                mappings:
                  - name: cluster-reading
                    topic: %s/meters/+/reading
                    asset: "{$.meter}"
                    time: "{$.ts}"
                    values:
                      - obis: "{$.obis}"
                        value: "{$.value}"
                        unit: "{$.unit}"
                """.formatted(runId));
        int n = 5_000;
        HubProcess a = mqttHub("hub-a", mappings);
        HubProcess b = mqttHub("hub-b", mappings);
        Mqtt5BlockingClient device = device();
        try (a; b) {
            await().atMost(BOOT).until(() -> ready(a) && ready(b) && committed(a) >= 0 && committed(b) >= 0);
            // both consumers are subscribed once a message of each has been committed; probe until then (probes have
            // times after the readings', so they are not counted as readings)
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
            double a0 = committed(a);
            double b0 = committed(b);
            long rows0 = rows();
            assertThat(rows0).isZero();

            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                publish(device, i);
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> rows() == rows0 + n);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double shareA = committed(a) - a0;
            double shareB = committed(b) - b0;
            System.out.printf(Locale.ROOT, "[cluster] %d readings stored once in %.1f s; split hub-a %.0f / hub-b %.0f%n",
                    n, seconds, shareA, shareB);
            assertThat(shareA).as("hub-a's share").isGreaterThan(n / 10.0);
            assertThat(shareB).as("hub-b's share").isGreaterThan(n / 10.0);
            assertThat(shareA + shareB).as("every reading committed by one of them").isGreaterThanOrEqualTo(n);
            assertThat(rows()).as("stored once").isEqualTo(rows0 + n);

            // second round: kill hub-a while the devices publish; hub-b takes over
            AtomicInteger published = new AtomicInteger();
            Thread publisher = new Thread(() -> {
                for (int i = n; i < 2 * n; i++) {
                    publish(device, i);
                    published.incrementAndGet();
                }
            }, "cluster-it-device");
            publisher.start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> published.get() >= n / 3);
            a.kill();
            int atKill = published.get();
            long killedAt = System.nanoTime();
            double bAtKill = committed(b);
            publisher.join(Duration.ofSeconds(120).toMillis());
            assertThat(publisher.isAlive()).isFalse();
            await().atMost(Duration.ofSeconds(30)).until(() -> committed(b) > bAtKill + 100);
            double takeover = (System.nanoTime() - killedAt) / 1e9;
            long missing = 0;
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> rows() == rows0 + 2L * n);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                missing = rows0 + 2L * n - rows();
            }
            double allStored = (System.nanoTime() - killedAt) / 1e9;
            // what the broker routed to hub-a (received but not acknowledged, and queued in its session after the
            // kill) is drained by hub-b, which adopts hub-a's session (docs/cluster.md): hub-a is not restarted
            System.out.printf(Locale.ROOT, "[cluster] hub-a killed after %d of %d readings; hub-b committed new ones %.1f s"
                    + " after the kill; %d of %d readings stored without hub-a, the last %.1f s after the kill"
                    + " (hub-b adopted hub-a's session: %.0f)%n", atKill, n, takeover, 2L * n - missing, 2L * n,
                    allStored, b.metric("hub_mqtt_adoptions_total"));
            assertThat(missing).as("readings still waiting in the killed instance's session").isZero();
            assertThat(rows()).as("every reading stored once").isEqualTo(rows0 + 2L * n);
            assertThat(count("SELECT COUNT(*) FROM observation_history")).as("no value written twice with a change")
                    .isZero();
        } finally {
            device.disconnect();
        }
    }

    @Test
    void filesDroppedIntoOneFolderWatchedByTwoInstancesAreImportedOnce() throws Exception {
        schemaUrl = TestDatabases.newPostgresSchema();
        Path inbox = dir.resolve("shared-inbox/mscons");
        Files.createDirectories(inbox);
        HubProcess a = fileHub("hub-a", inbox);
        HubProcess b = fileHub("hub-b", inbox);
        try (a; b) {
            await().atMost(BOOT).until(() -> ready(a) && ready(b));
            long perFile = drop(inbox, "one.edi", 0);
            await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(inbox.resolve("done/one.edi")));
            // for longer than a few polls of both instances: a second import would show
            awaitImports(a, b, 1);

            for (int i = 1; i <= 5; i++) {
                drop(inbox, "file-" + i + ".edi", i);
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> doneFiles(inbox) == 6);
            awaitImports(a, b, 6);
            System.out.printf(Locale.ROOT, "[cluster] 6 files: hub-a imported %d, hub-b %d%n", imports(a), imports(b));
            assertThat(imports(a) + imports(b)).as("six files, six imports").isEqualTo(6);
            assertThat(count("SELECT COUNT(*) FROM observation WHERE source = 'legacy-mscons'")).isEqualTo(6 * perFile);
            assertThat(count("SELECT COUNT(*) FROM legacy_imported_file")).isEqualTo(6);
            assertThat(count("SELECT COUNT(*) FROM observation_history")).isZero();
            assertThat(inbox.resolve("error")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                    p -> assertThat(p).isEmptyDirectory());
            assertThat(a.logText() + b.logText()).doesNotContain("Error during commit").doesNotContain("rename file");
        }
    }

    private static void awaitImports(HubProcess a, HubProcess b, int expected) {
        try {
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> imports(a) + imports(b) == expected);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("expected " + expected + " imports; the drop lines of hub-a:\n" + dropLines(a)
                    + "\nof hub-b:\n" + dropLines(b), e);
        }
    }

    private static String dropLines(HubProcess hub) {
        return String.join("\n", hub.logText().lines().filter(l -> l.contains("MSCONS") || l.contains("WARN")
                || l.contains("ERROR")).toList());
    }

    private HubProcess fileHub(String name, Path inbox) {
        Map<String, String> props = common(dir.resolve(name + "-data"));
        props.put("hub.mqtt.client-id", runId + "-" + name);
        props.put("hub.legacy.mscons.dir", inbox.toString());
        props.put("hub.legacy.files.read-lock", "idempotent-changed");
        props.put("hub.legacy.files.poll-delay", "300");
        props.put("hub.legacy.files.read-lock-min-age", "1000");
        props.put("hub.legacy.files.read-lock-check-interval", "200");
        return new HubProcess(dir.resolve(name)).start(props, Map.of());
    }

    private static long drop(Path inbox, String name, int day) throws IOException {
        Path tmp = inbox.resolve("." + name + ".part");
        long values = LegacyFileGenerator.mscons(tmp, 10, 1, Instant.parse("2024-04-01T00:00:00Z").plusSeconds(86_400L * day));
        Files.move(tmp, inbox.resolve(name));
        return values;
    }

    private static long doneFiles(Path inbox) throws IOException {
        Path done = inbox.resolve("done");
        if (!Files.isDirectory(done)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(done)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".edi")).count();
        }
    }

    /** Files the instance imported: the drop route logs one line per file it processed. */
    private static long imports(HubProcess hub) {
        return hub.logText().lines().filter(l -> l.contains("MSCONS drop:")).count();
    }

    private static boolean ready(HubProcess hub) {
        return hub.body("/observe/health/ready").startsWith("{\"status\":\"UP\"");
    }

    /** The instance's committed MQTT messages (Prometheus metrics on the management port); -1 when not there. */
    private static double committed(HubProcess hub) {
        Matcher m = COMMITTED.matcher(hub.body("/observe/metrics"));
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private Mqtt5BlockingClient device() {
        java.net.URI uri = java.net.URI.create(broker);
        Mqtt5BlockingClient c = MqttClient.builder().useMqttVersion5().identifier(runId + "-device")
                .serverHost(uri.getHost()).serverPort(uri.getPort()).buildBlocking();
        c.connect();
        return c;
    }

    /** Reading n: meter n % 50 of this run, at a second offset n of a fixed time (so each n is one stored value). */
    private void publish(Mqtt5BlockingClient device, int n) {
        String meter = runId + "-m-" + (n % 50);
        Instant ts = READINGS_FROM.plusSeconds(n);
        String payload = String.format(Locale.ROOT,
                "{\"meter\":\"%s\",\"ts\":\"%s\",\"obis\":\"1-0:1.8.0\",\"value\":%d.5,\"unit\":\"Wh\"}", meter, ts, n);
        device.publishWith().topic(runId + "/meters/" + meter + "/reading").qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
    }

    /**
     * The one broker of the two instances: a Mosquitto of the test's own with the settings docs/cluster.md asks for
     * (persistence, raised max_queued_messages). The machine's Mosquitto keeps Mosquitto's default of 1,000 queued
     * messages per session, and drops what the killed instance's session gets beyond that (see docs/cluster.md).
     */
    private void startBroker() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(MOSQUITTO), "no Mosquitto binary at " + MOSQUITTO
                + " (set -Dhub.test.mosquitto)");
        int port = HubProcess.freePort();
        Path conf = Files.createDirectories(dir.resolve("mosquitto"));
        Files.writeString(conf.resolve("mosquitto.conf"), """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence true
                persistence_location %s/
                autosave_interval 1
                max_inflight_messages 1000
                max_queued_messages 1000000
                log_dest file %s/mosquitto.log
                user %s
                """.formatted(port, conf, conf, System.getProperty("user.name")));
        mosquitto = new ProcessBuilder(MOSQUITTO.toString(), "-c", conf.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(conf.resolve("stdout.log").toFile()).start();
        broker = "tcp://127.0.0.1:" + port;
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Stored readings of this run (not the probes). */
    private long rows() throws SQLException {
        return count("SELECT COUNT(*) FROM observation WHERE series_id LIKE '" + runId + "-m-%' AND start_ts < '"
                + READINGS_FROM.plusSeconds(PROBES) + "'");
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
