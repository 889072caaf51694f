package de.stadtwerk.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.stadtwerk.hub.forecast.EnergiewetterFixtures;
import de.stadtwerk.hub.forecast.EnergiewetterIssue;
import de.stadtwerk.hub.store.ForecastStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Endpoint;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Persistence;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Energiewetter issue route publishes the clock message retained with QoS 1 to the machine's Mosquitto
 * (127.0.0.1:1883; skipped with a message when it does not answer). A subscriber that connects after the issue gets
 * it as the retained message and parses it. The publisher uses Paho's file store under hub.mqtt.persistence-dir.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "camel.server.enabled=true", "camel.server.port=0", "camel.server.host=127.0.0.1",
            "camel.management.enabled=false",
            "hub.db.url=jdbc:h2:mem:energiewetter-mqtt-it;DB_CLOSE_DELAY=-1", "hub.data.dir=" + EnergiewetterMqttIT.DATA_DIR,
            "hub.energiewetter.weather-asset=" + EnergiewetterFixtures.ASSET, "hub.opendata.mode=replay",
            // no import at the start: the MOSMIX import issues again, and its retained message replaced the test's
            "hub.opendata.run-at-start=false",
            "hub.energiewetter.mqtt.enabled=true", "hub.mqtt.broker-url=tcp://127.0.0.1:1883",
            "hub.energiewetter.mqtt.topic=" + EnergiewetterMqttIT.TOPIC,
            "hub.energiewetter.mqtt.client-id=stadtwerk-hub-energiewetter-it",
            "hub.energiewetter.startup-delay=3600000"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnergiewetterMqttIT {

    static final String TOPIC = "test/stadtwerk-hub/energiewetter-it/uhr";
    static final String DATA_DIR = "target/energiewetter-mqtt-it";

    @BeanInject
    CamelContext context;

    @BeanInject
    ForecastStore forecasts;

    static boolean mosquittoAnswers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 1883), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void everyIssueIsRepublishedAsARetainedClockMessage() throws Exception {
        Assumptions.assumeTrue(mosquittoAnswers(), "no MQTT broker answers at 127.0.0.1:1883 (Mosquitto; .ci/run starts it)");
        forecasts.write(EnergiewetterFixtures.recordedRun());

        EnergiewetterIssue issue = context.createProducerTemplate()
                .requestBody("direct:energiewetter-issue", null, EnergiewetterIssue.class);
        assertThat(issue.hasSignal()).isTrue();
        assertThat(issue.weather().replayed()).isTrue();

        // the publisher keeps its in-flight state in Paho's file store: a folder for its client id under
        // hub.mqtt.persistence-dir (default <hub.data.dir>/mqtt-client), locked while it is connected, with no message
        // left in it once the broker has acknowledged the QoS 1 publish
        PahoMqtt5Endpoint endpoint = context.getEndpoints().stream().filter(PahoMqtt5Endpoint.class::isInstance)
                .map(PahoMqtt5Endpoint.class::cast).findFirst().orElseThrow();
        assertThat(endpoint.getConfiguration().getPersistence()).isEqualTo(PahoMqtt5Persistence.FILE);
        assertThat(endpoint.getConfiguration().isCleanStart()).as("clean start would clear the store").isFalse();
        assertThat(endpoint.getConfiguration().getSessionExpiryInterval()).isEqualTo(24 * 3600);
        Path folder = Path.of(DATA_DIR, "mqtt-client", "stadtwerk-hub-energiewetter-it").toAbsolutePath();
        assertThat(endpoint.getConfiguration().getFilePersistenceDirectory()).isEqualTo(folder.getParent().toString());
        assertThat(folder.resolve(".lck")).exists();
        // Paho removes the stored message after the PUBACK, on its own thread: shortly after the publish returned
        await().atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(50)).untilAsserted(() -> {
                    try (Stream<Path> files = Files.list(folder)) {
                        assertThat(files).noneMatch(f -> f.getFileName().toString().endsWith(".msg"));
                    }
                });

        // subscribe only after the issue: the message must be retained
        List<String> received = new CopyOnWriteArrayList<>();
        List<Boolean> retained = new CopyOnWriteArrayList<>();
        MqttClient client = new MqttClient("tcp://127.0.0.1:1883", "energiewetter-it-sub-" + System.nanoTime(),
                new MemoryPersistence());
        client.setCallback(new Receiver(received, retained));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options);
        try {
            client.subscribe(TOPIC, 1);
            String expectedPrefix = "EW1;" + issue.issuedAt().getEpochSecond() + ";";
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(received).anyMatch(m -> m.startsWith(expectedPrefix)));
            String message = received.stream().filter(m -> m.startsWith(expectedPrefix)).findFirst().orElseThrow();
            assertThat(retained.get(received.indexOf(message))).as("retained flag").isTrue();
            String[] parts = message.split(";");
            assertThat(parts).hasSize(5);
            assertThat(Instant.ofEpochSecond(Long.parseLong(parts[2]))).isEqualTo(issue.from());
            assertThat(Integer.parseInt(parts[3])).isIn(60, 120);
            assertThat(parts[4]).hasSize(72).matches("[GYRgyr]{72}");
            char first = issue.signals().get("netzgebiet").hours().get(0).level().name().charAt(0);
            assertThat(Character.toUpperCase(parts[4].charAt(0))).isEqualTo(first);
        } finally {
            client.publish(TOPIC, new byte[0], 1, true); // clear the retained message on the machine's broker
            client.disconnect();
            client.close();
        }
    }

    private record Receiver(List<String> received, List<Boolean> retained) implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.add(new String(message.getPayload(), StandardCharsets.US_ASCII));
            retained.add(message.isRetained());
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
