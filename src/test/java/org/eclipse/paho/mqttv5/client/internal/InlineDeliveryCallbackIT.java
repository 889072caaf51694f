package org.eclipse.paho.mqttv5.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;

/**
 * {@link InlineDeliveryCallback} against the machine's Mosquitto (127.0.0.1:1883, started by .ci/run; override with
 * -Dhub.test.mqtt.url): messages reach the callback on Paho's receive thread, complete (topic, payload, packet id,
 * QoS), and with manual acknowledgements a message that was not acknowledged comes again on the next connect of the
 * same session, so the at-least-once contract is unchanged.
 */
class InlineDeliveryCallbackIT {

    static final String URL = System.getProperty("hub.test.mqtt.url", "tcp://127.0.0.1:1883");

    record Arrival(String thread, String topic, String payload, int id, int qos) {
    }

    static final class Recorder implements MqttCallback {
        final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
        final CountDownLatch expected;

        Recorder(int n) {
            expected = new CountDownLatch(n);
        }

        @Override
        public void messageArrived(String topic, MqttMessage m) {
            arrivals.add(new Arrival(Thread.currentThread().getName(), topic,
                    new String(m.getPayload(), StandardCharsets.UTF_8), m.getId(), m.getQos()));
            expected.countDown();
        }

        @Override
        public void disconnected(MqttDisconnectResponse r) {
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
        }

        @Override
        public void deliveryComplete(IMqttToken t) {
        }

        @Override
        public void connectComplete(boolean reconnect, String uri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties p) {
        }
    }

    static MqttAsyncClient subscriber(String clientId, Recorder recorder, String topic) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(URL, clientId, new MemoryPersistence());
        InlineDeliveryCallback.install(c);
        c.setManualAcks(true);
        c.setCallback(recorder);
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(60L);
        c.connect(o).waitForCompletion(10_000);
        c.subscribe(topic, 1).waitForCompletion(10_000);
        return c;
    }

    @Test
    void deliveredOnTheReceiveThreadAndResentWhenNotAcknowledged() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String topic = "inline-test/" + run + "/reading";
        String clientId = "inline-sub-" + run;
        MqttAsyncClient publisher = new MqttAsyncClient(URL, "inline-pub-" + run, new MemoryPersistence());
        publisher.connect().waitForCompletion(10_000);

        Recorder first = new Recorder(3);
        MqttAsyncClient sub = subscriber(clientId, first, topic);
        for (int i = 0; i < 3; i++) {
            publisher.publish(topic, ("m" + i).getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(10_000);
        }
        assertTrue(first.expected.await(10, TimeUnit.SECONDS), "arrived: " + first.arrivals);
        for (Arrival a : first.arrivals) {
            assertTrue(a.thread().startsWith("MQTT Rec"), "delivered on " + a.thread());
            assertEquals(topic, a.topic());
            assertEquals(1, a.qos());
            assertTrue(a.id() > 0);
        }
        assertEquals(List.of("m0", "m1", "m2"), first.arrivals.stream().map(Arrival::payload).toList());
        // acknowledge only the first: the other two must come again with the session
        sub.messageArrivedComplete(first.arrivals.get(0).id(), 1);
        Thread.sleep(300); // the PUBACK leaves before the connection closes
        sub.disconnect().waitForCompletion(10_000);
        sub.close();

        Recorder second = new Recorder(2);
        MqttAsyncClient again = subscriber(clientId, second, topic);
        assertTrue(second.expected.await(10, TimeUnit.SECONDS), "resent: " + second.arrivals);
        assertEquals(List.of("m1", "m2"), second.arrivals.stream().map(Arrival::payload).toList());
        for (Arrival a : second.arrivals) {
            again.messageArrivedComplete(a.id(), a.qos());
        }
        Thread.sleep(300);
        again.disconnect().waitForCompletion(10_000);
        again.close();
        publisher.disconnect().waitForCompletion(10_000);
        publisher.close();
    }
}
