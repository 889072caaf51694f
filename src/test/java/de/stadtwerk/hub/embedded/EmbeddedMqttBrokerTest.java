package de.stadtwerk.hub.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EmbeddedMqttBrokerTest {

    @Test
    void aPortInUseIsReportedWithTheKeyToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> new EmbeddedMqttBroker(port, Path.of("target/unused"), false, 10))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("hub.embedded.mqtt.port " + port)
                    .hasMessageContaining("already in use")
                    .hasMessageContaining("hub.embedded.mqtt.enabled=false");
        }
    }

    @Test
    void portZeroPicksAFreePort() {
        EmbeddedMqttBroker broker = new EmbeddedMqttBroker(0, Path.of("target/unused"), false, 10);
        assertThat(broker.port()).isPositive();
        assertThat(broker.url()).isEqualTo("tcp://127.0.0.1:" + broker.port());
    }
}
