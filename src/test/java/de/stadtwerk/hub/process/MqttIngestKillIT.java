package de.stadtwerk.hub.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import de.stadtwerk.hub.store.TestDatabases;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guarantee a client-side file store for in-flight messages would give, shown without one: the hub JVM is
 * killed (SIGKILL) while it holds MQTT messages it has received but not committed (and so not acknowledged); after
 * the restart the broker sends them again and every reading is stored exactly once. Runs the jar against a
 * Mosquitto of its own (the settings of docs/field-mqtt.md) and a schema of the machine's PostgreSQL.
 */
class MqttIngestKillIT {

    private static final Duration BOOT = Duration.ofSeconds(180);
    private static final Path MOSQUITTO = Path.of(System.getProperty("hub.test.mosquitto", "/usr/sbin/mosquitto"));
    private static final int MESSAGES = 30_000;

    @TempDir
    Path dir;

    private String schemaUrl;
    private Process broker;

    @AfterEach
    void cleanUp() throws InterruptedException {
        if (broker != null) {
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
        if (schemaUrl != null) {
            TestDatabases.dropPostgresSchema(schemaUrl);
        }
    }

    @Test
    void messagesReceivedButNotCommittedWhenTheHubIsKilledAreRedeliveredAndStoredOnce() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(MOSQUITTO), "no Mosquitto binary at " + MOSQUITTO);
        schemaUrl = TestDatabases.newPostgresSchema();
        String brokerUrl = startMosquitto();
        String run = "kill" + UUID.randomUUID().toString().substring(0, 8);
        Path work = dir.resolve("work");
        Map<String, String> props = Map.of("hub.db.url", schemaUrl, "hub.db.user", TestDatabases.PG_USER,
                "hub.opendata.run-at-start", "false", "hub.data.dir", dir.resolve("data").toString(),
                "hub.mqtt.broker-url", brokerUrl, "hub.mqtt.client-id", run + "-hub",
                "hub.embedded.mqtt.enabled", "false", "hub.demo.enabled", "false",
                "hub.mqtt.batch-size", "200");

        Publisher devices = new Publisher(brokerUrl, run);
        long inFlightAtKill;
        try (HubProcess hub = new HubProcess(work).start(props, Map.of())) {
            await().atMost(BOOT).until(() -> hub.body("/observe/health/ready").startsWith("{\"status\":\"UP\""));
            devices.start();
            // kill while the hub holds messages it received and has not committed (so not acknowledged)
            AtomicLong open = new AtomicLong();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> {
                String metrics = hub.body("/observe/metrics");
                long received = (long) metric(metrics, "hub_mqtt_messages_received_total");
                long committed = (long) metric(metrics, "hub_mqtt_messages_committed_total");
                open.set(received - committed);
                return committed > 0 && received - committed >= 100;
            });
            hub.kill();
            inFlightAtKill = open.get();
            assertThat(hub.isAlive()).isFalse();
        }
        long atKill = stored(run);
        System.out.printf("MqttIngestKillIT: killed with %d messages received and not committed, %d of %d stored%n",
                inFlightAtKill, atKill, MESSAGES);
        assertThat(inFlightAtKill).as("received but not committed when killed").isPositive();
        assertThat(atKill).as("killed in the middle of the stream").isLessThan(MESSAGES);
        devices.awaitDone();

        try (HubProcess hub = new HubProcess(work).start(props, Map.of())) {
            await().atMost(BOOT.plusSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> stored(run) >= MESSAGES);
            assertThat(stored(run)).as("every reading stored once").isEqualTo(MESSAGES);
            assertThat(count("SELECT COUNT(*) FROM observation_history")).as("no value changed twice").isZero();
        }
    }

    private String startMosquitto() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path mdir = Files.createDirectories(dir.resolve("mosquitto"));
        Files.writeString(mdir.resolve("mosquitto.conf"), """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence true
                persistence_location %s/
                autosave_interval 1
                max_inflight_messages 1000
                max_queued_messages 1000000
                user %s
                """.formatted(port, mdir, System.getProperty("user.name")));
        broker = new ProcessBuilder(MOSQUITTO.toString(), "-c", mdir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(mdir.resolve("mosquitto.log").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return "tcp://127.0.0.1:" + port;
    }

    private long stored(String run) throws SQLException {
        return count("SELECT COUNT(*) FROM observation WHERE series_id LIKE '" + run + "%'");
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

    private static double metric(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*} ([0-9.eE+-]+)$").matcher(text);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    /** 100 meters publishing {@link #MESSAGES} readings at QoS 1 as fast as the broker takes them. */
    private static final class Publisher {

        private final Mqtt5AsyncClient client;
        private final String run;
        private Thread thread;
        private final AtomicLong failed = new AtomicLong();

        Publisher(String brokerUrl, String run) {
            java.net.URI uri = java.net.URI.create(brokerUrl);
            this.client = MqttClient.builder().useMqttVersion5().identifier(run + "-devices").serverHost(uri.getHost())
                    .serverPort(uri.getPort()).buildAsync();
            this.run = run;
        }

        void start() {
            client.connectWith().cleanStart(true).send().join();
            thread = new Thread(() -> {
                Semaphore window = new Semaphore(500);
                Instant t0 = Instant.parse("2026-11-26T00:00:00Z");
                for (int i = 0; i < MESSAGES; i++) {
                    String meter = run + "-m-" + (i % 100);
                    String body = String.format(Locale.ROOT,
                            "{\"meter\":\"%s\",\"ts\":\"%s\",\"obis\":\"1-0:1.8.0\",\"value\":%d.5,\"unit\":\"Wh\"}",
                            meter, t0.plusSeconds(i), i);
                    window.acquireUninterruptibly();
                    client.publishWith().topic("stadtwerk/meters/" + meter + "/reading").qos(MqttQos.AT_LEAST_ONCE)
                            .payload(body.getBytes(StandardCharsets.UTF_8)).send().whenComplete((r, e) -> {
                                if (e != null || r.getError().isPresent()) {
                                    failed.incrementAndGet();
                                }
                                window.release();
                            });
                }
                window.acquireUninterruptibly(500);
            }, "kill-it-devices");
            thread.start();
        }

        void awaitDone() throws InterruptedException {
            thread.join(Duration.ofSeconds(120).toMillis());
            assertThat(thread.isAlive()).as("devices done").isFalse();
            assertThat(failed.get()).as("publishes the broker refused").isZero();
            client.disconnect().join();
        }
    }
}
