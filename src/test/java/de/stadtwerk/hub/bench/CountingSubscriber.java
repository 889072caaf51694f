package de.stadtwerk.hub.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/** The broker's limit: a plain QoS 1 subscriber that acknowledges at once and only counts. */
final class CountingSubscriber implements AutoCloseable {

    private final Mqtt5AsyncClient client;
    final AtomicLong count = new AtomicLong();
    volatile long firstNanos;
    volatile long lastNanos;

    CountingSubscriber(String brokerUrl, String clientId, String filter) {
        URI uri = URI.create(brokerUrl);
        client = MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost(uri.getHost())
                .serverPort(uri.getPort()).buildAsync();
        client.publishes(MqttGlobalPublishFilter.ALL, p -> {
            long now = System.nanoTime();
            if (count.getAndIncrement() == 0) {
                firstNanos = now;
            }
            lastNanos = now;
        });
        client.connectWith().cleanStart(true).restrictions().receiveMaximum(65535).applyRestrictions().send().join();
        client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send().join();
    }

    @Override
    public void close() {
        client.disconnect().join();
    }
}
