package de.stadtwerk.hub.field.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A device for the tests: publishes QoS 1 and waits for the broker's PUBACK; a publish that fails (broker
 * restarting) is sent again until the broker has it (so the broker may get it twice; the store keeps one).
 */
final class TestPublisher implements AutoCloseable {

    private final Mqtt5BlockingClient client;

    TestPublisher(String brokerUrl, String clientId) {
        URI uri = URI.create(brokerUrl);
        client = MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost(uri.getHost())
                .serverPort(uri.getPort()).automaticReconnect().initialDelay(100, TimeUnit.MILLISECONDS)
                .maxDelay(500, TimeUnit.MILLISECONDS).applyAutomaticReconnect().buildBlocking();
        client.connect();
    }

    /** The demo meter payload of the issue, with sequence number n as a second offset of a fixed time. */
    static String reading(String meter, int n) {
        Instant ts = Instant.parse("2026-11-26T09:00:00Z").plusSeconds(n);
        return String.format(Locale.ROOT,
                "{\"meter\":\"%s\",\"ts\":\"%s\",\"obis\":\"1-0:1.8.0\",\"value\":%d.5,\"unit\":\"Wh\"}", meter, ts, n);
    }

    /** A reading whose time is now (the publish time, microseconds), so that the store shows how late it arrived. */
    static String readingNow(String meter, int n) {
        Instant ts = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return String.format(Locale.ROOT,
                "{\"meter\":\"%s\",\"ts\":\"%s\",\"obis\":\"1-0:1.8.0\",\"value\":%d.5,\"unit\":\"Wh\"}", meter, ts, n);
    }

    void publish(String topic, String payload) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    void publish(String topic, byte[] payload) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50); // back-off while the broker restarts; not waiting for a test result
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            client.disconnect();
        } catch (RuntimeException ignored) {
            // already gone
        }
    }
}
