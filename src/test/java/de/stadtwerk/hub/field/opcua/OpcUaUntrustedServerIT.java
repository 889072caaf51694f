package de.stadtwerk.hub.field.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.stadtwerk.hub.store.ObservationStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.camel.BeanInject;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * S6: the embedded simulator addressed as an external server ({@code hub.opcua.endpoint} set, so it is not trusted
 * automatically) offers Basic256Sha256 with a certificate the hub's trust list does not hold: the connection is
 * refused, the certificate lands in {@code pki/rejected/}, health is DOWN and names the file's way out, nothing is
 * stored.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {"camel.server.enabled=false", "camel.management.enabled=false",
            "hub.db.url=jdbc:h2:mem:opcua-untrusted-it;DB_CLOSE_DELAY=-1", "hub.data.dir=target/opcua-untrusted-it",
            "hub.embedded.opcua.port={{opcua-untrusted-it.port}}",
            "hub.opcua.endpoint=opc.tcp://127.0.0.1:{{opcua-untrusted-it.port}}/sim",
            "hub.opendata.run-at-start=false", "hub.demo.enabled=false", "hub.embedded.mqtt.port=0",
            "hub.embedded.mqtt.persistence=in-memory"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpcUaUntrustedServerIT {

    static final Path DATA = Path.of("target/opcua-untrusted-it").toAbsolutePath();

    static {
        try (ServerSocket s = new ServerSocket(0)) {
            System.setProperty("opcua-untrusted-it.port", Integer.toString(s.getLocalPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Files.exists(DATA)) {
            try (Stream<Path> files = Files.walk(DATA)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @BeanInject
    ObservationStore store;

    @BeanInject
    OpcUaHealthCheck health;

    @Test
    void anUntrustedServerCertificateIsRefusedAndQuarantined() {
        Path rejected = DATA.resolve("opcua/pki/rejected");
        Instant from = Instant.now().minusSeconds(5);
        await().atMost(Duration.ofSeconds(60)).until(() -> health.call().getState() == HealthCheck.State.DOWN
                && health.call().getMessage().orElse("").contains("refused") && hasFiles(rejected));
        assertThat(health.call().getMessage()).hasValueSatisfying(m -> assertThat(m)
                .contains("server certificate").contains(rejected.toString()).contains("trusted"));
        assertThat(store.find("ww-pump-1.volume_flow", from, Instant.now().plusSeconds(5))).isEmpty();
        assertThat(hasFiles(DATA.resolve("opcua/pki/trusted/certs"))).as("nothing trusted behind the operator's back")
                .isFalse();
    }

    private static boolean hasFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(Files::isRegularFile);
        } catch (IOException e) {
            return false;
        }
    }
}
