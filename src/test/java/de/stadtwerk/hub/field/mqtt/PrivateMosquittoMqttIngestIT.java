package de.stadtwerk.hub.field.mqtt;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The at-least-once cases against a Mosquitto of the test's own (the machine's binary, a free port on
 * 127.0.0.1, persistence in target/), which the broker restart case may stop (SIGTERM: Mosquitto writes its
 * persistence file) and start again. The configuration is the one docs/field-mqtt.md recommends; {@code user} keeps
 * Mosquitto from switching to the user "mosquitto" when run as root, which could not write the persistence file.
 */
class PrivateMosquittoMqttIngestIT extends MqttAtLeastOnceContract {

    static final Path BINARY = Path.of(System.getProperty("hub.test.mosquitto", "/usr/sbin/mosquitto"));
    static Path dir;
    static int port;
    static Process mosquitto;

    @BeforeAll
    static void startMosquitto() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "no Mosquitto binary at " + BINARY
                + " (set -Dhub.test.mosquitto); the broker restart case needs a broker of its own");
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        dir = Files.createDirectories(Path.of("target", "mqtt-it", "mosquitto-" + port).toAbsolutePath());
        Files.writeString(dir.resolve("mosquitto.conf"), """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence true
                persistence_location %s/
                autosave_interval 1
                max_inflight_messages 1000
                max_queued_messages 1000000
                log_dest file %s/mosquitto.log
                user %s
                """.formatted(port, dir, dir, System.getProperty("user.name")));
        launch();
    }

    static void launch() throws IOException {
        mosquitto = new ProcessBuilder(BINARY.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @AfterAll
    static void stopMosquitto() throws InterruptedException {
        if (mosquitto != null) {
            mosquitto.destroy();
            mosquitto.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    void useBroker(TestHub hub) {
        hub.set("hub.mqtt.broker-url", "tcp://127.0.0.1:" + port);
    }

    @Override
    String brokerUrl(TestHub hub) {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    void restartBroker(TestHub hub) throws Exception {
        mosquitto.destroy(); // SIGTERM: Mosquitto saves sessions and queued messages
        if (!mosquitto.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("mosquitto did not stop");
        }
        launch();
    }

    @Override
    void stopHub(TestHub hub) {
        hub.stop();
    }

    @Override
    void startHub(TestHub hub) {
        hub.start();
    }
}
