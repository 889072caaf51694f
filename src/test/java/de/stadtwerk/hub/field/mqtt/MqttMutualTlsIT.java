package de.stadtwerk.hub.field.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * S7: a private Mosquitto with a TLS listener that requires a client certificate ({@code require_certificate true}),
 * certificates made by openssl for this run (a test CA, a server certificate for DNS name {@code localhost} only, the
 * hub's client certificate, and one from a foreign CA). The hub connects with its certificate and stores what a device
 * publishes (on a plain loopback listener of the same broker); without a certificate, with one from a foreign CA, and
 * when it connects by an address the server certificate does not name, it does not get a session.
 */
class MqttMutualTlsIT {

    static final Path MOSQUITTO = Path.of(System.getProperty("hub.test.mosquitto", "/usr/sbin/mosquitto"));
    static final String PW = "mtls-test-pw";
    static Path dir;
    static int plainPort;
    static int tlsPort;
    static Process broker;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(MOSQUITTO), "no Mosquitto binary at " + MOSQUITTO);
        Assumptions.assumeTrue(run(Path.of("."), "openssl", "version"), "openssl is not installed");
        plainPort = freePort();
        tlsPort = freePort();
        dir = Files.createDirectories(Path.of("target", "mqtt-it", "mtls-" + tlsPort).toAbsolutePath());
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n");
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        for (String ca : List.of("ca", "foreign-ca")) {
            ok(openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca + ".key", "-out", ca + ".crt",
                    "-days", "2", "-subj", "/CN=" + ca));
        }
        cert("server", "localhost", "ca", "server.ext");
        cert("client", "stadtwerk-hub", "ca", "client.ext");
        cert("foreign", "stadtwerk-hub", "foreign-ca", "client.ext");
        for (String c : List.of("client", "foreign")) {
            ok(openssl("pkcs12", "-export", "-in", c + ".crt", "-inkey", c + ".key", "-out", c + ".p12", "-name", "hub",
                    "-passout", "pass:" + PW));
        }
        ok(run(dir, Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-importcert", "-noprompt",
                "-alias", "ca", "-file", "ca.crt", "-keystore", "trust.p12", "-storetype", "PKCS12", "-storepass", PW));
        Files.writeString(dir.resolve("mosquitto.conf"), """
                per_listener_settings false
                allow_anonymous true
                log_dest file %1$s/mosquitto.log
                user %2$s
                listener %3$d 127.0.0.1
                listener %4$d 127.0.0.1
                cafile %1$s/ca.crt
                certfile %1$s/server.crt
                keyfile %1$s/server.key
                require_certificate true
                """.formatted(dir, System.getProperty("user.name"), plainPort, tlsPort));
        broker = new ProcessBuilder(MOSQUITTO.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        await().atMost(Duration.ofSeconds(15)).until(() -> listening(plainPort) && listening(tlsPort));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (broker != null) {
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static TestHub hub(String host, String keyStore) {
        TestHub hub = new TestHub().set("hub.mqtt.broker-url", "ssl://" + host + ":" + tlsPort)
                .set("hub.mqtt.tls.trust-store", dir.resolve("trust.p12").toString())
                .set("hub.mqtt.tls.trust-store-password", PW)
                .set("hub.mqtt.tls.key-store", keyStore == null ? "" : dir.resolve(keyStore).toString())
                .set("hub.mqtt.tls.key-store-password", keyStore == null ? "" : PW);
        return hub.start();
    }

    private static boolean connected(TestHub hub) {
        return hub.context().getRoute("field-meters-mqtt") != null
                && hub.context().getRoute("field-meters-mqtt").getConsumer() instanceof MqttIngestConsumer c
                && c.connectionCount() > 0 && c.connectedCount() == c.connectionCount();
    }

    @Test
    void withItsCertificateTheHubConnectsAndStores() {
        try (TestHub hub = hub("localhost", "client.p12")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> connected(hub));
            String m = hub.runId + "-m";
            try (TestPublisher device = new TestPublisher("tcp://127.0.0.1:" + plainPort, hub.runId + "-device")) {
                for (int i = 0; i < 10; i++) {
                    device.publish(hub.topic(m), TestPublisher.reading(m, i));
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> hub.storedRows() == 10);
        }
    }

    @Test
    void withoutACertificateWithAForeignOneOrByAnUnnamedAddressThereIsNoSession() throws IOException {
        List<String> cases = new ArrayList<>();
        for (String[] c : new String[][] {{"localhost", null}, {"localhost", "foreign.p12"}, {"127.0.0.1", "client.p12"}}) {
            try (TestHub hub = hub(c[0], c[1])) {
                // the consumer keeps trying (reconnect every ≤ 1 s here); it must never get a session
                await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(20)).until(() -> !connected(hub));
                cases.add(c[0] + "/" + c[1]);
            } catch (IllegalStateException e) {
                // refusing to start is also a refusal
                cases.add(c[0] + "/" + c[1] + " (start refused: " + e.getMessage() + ")");
            }
        }
        assertThat(cases).hasSize(3);
        String log = Files.readString(dir.resolve("mosquitto.log"), StandardCharsets.UTF_8);
        // the broker's reasons (OpenSSL 3 texts): no client certificate, client certificate from a foreign CA, and the
        // hub's own alert when the server certificate does not name the address it dialled
        assertThat(log).as("the broker's log").contains("peer did not return a certificate")
                .contains("certificate verify failed").contains("alert certificate unknown");
        System.out.println("S7 refused: " + cases);
    }

    private static void cert(String name, String cn, String ca, String ext) throws Exception {
        ok(openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                "-subj", "/CN=" + cn));
        ok(openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key", "-CAcreateserial",
                "-out", name + ".crt", "-days", "2", "-extfile", ext));
    }

    private static boolean openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        return run(dir, cmd.toArray(String[]::new));
    }

    private static boolean run(Path cwd, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean done = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            if (!done) {
                System.err.println(String.join(" ", cmd) + ": " + out);
            }
            return done;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void ok(boolean result) {
        assertThat(result).as("certificate tooling").isTrue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
