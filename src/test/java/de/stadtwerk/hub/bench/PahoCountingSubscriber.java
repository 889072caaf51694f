package de.stadtwerk.hub.bench;

import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A second reference for the broker limit: a plain QoS 1 subscriber on a client library (Paho MQTT 5, the library
 * the hub's consumer uses, with its defaults: automatic acknowledgement on receipt), counting only. Where
 * {@link CountingSubscriber} shows what the broker can pass, this shows what an ordinary MQTT application gets.
 */
final class PahoCountingSubscriber implements AutoCloseable {

    private final MqttAsyncClient client;
    final AtomicLong count = new AtomicLong();
    volatile long firstNanos;
    volatile long lastNanos;

    PahoCountingSubscriber(String brokerUrl, String clientId, String filter) {
        try {
            client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
            client.setCallback(new MqttCallback() {
                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    long now = System.nanoTime();
                    if (count.getAndIncrement() == 0) {
                        firstNanos = now;
                    }
                    lastNanos = now;
                }

                @Override
                public void disconnected(MqttDisconnectResponse response) {
                    System.out.println("Paho counting subscriber disconnected: " + response);
                }

                @Override
                public void mqttErrorOccurred(MqttException e) {
                    System.out.println("Paho counting subscriber: " + e.getMessage());
                }

                @Override
                public void deliveryComplete(IMqttToken token) {
                }

                @Override
                public void connectComplete(boolean reconnect, String serverURI) {
                }

                @Override
                public void authPacketArrived(int reasonCode, MqttProperties properties) {
                }
            });
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setReceiveMaximum(65_535);
            client.connect(options).waitForCompletion(10_000);
            client.subscribe(filter, 1).waitForCompletion(10_000);
        } catch (MqttException e) {
            throw new IllegalStateException("Paho counting subscriber: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            client.disconnect().waitForCompletion(10_000);
            client.close();
        } catch (MqttException e) {
            System.out.println("Paho counting subscriber: closing: " + e.getMessage());
        }
    }
}
