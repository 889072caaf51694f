package org.eclipse.paho.mqttv5.client.internal;

import java.lang.reflect.Field;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttPublish;

/**
 * Stadtwerk Hub's delivery of received PUBLISH packets on Paho's receive thread, for the MQTT ingest (not a
 * replacement of a Paho class: a subclass of Paho 1.2.5's {@link CommsCallback}, installed into one client by
 * {@link #install}).
 *
 * <p>Paho hands every received message from its receive thread to its callback thread through a queue of ten, with a
 * {@code notifyAll} each way: under full load the two threads took turns on every few messages. Measured with
 * {@code perf stat --per-thread} on the hub in the ingest benchmark's throughput phase: Paho's receive and callback
 * threads used 0.16 and 0.11 of a core with 33,000 and 13,000 system calls a second, the two pipelines that map and
 * store everything 0.09 (docs/benchmarks.md, "Sixth session"). The hub's ingest callback only puts the message into
 * its own bounded hand-off queue, which is the flow control (when it is full the receive thread waits, so the client
 * stops reading the socket), so the receive thread now calls it directly. Everything else (connect and disconnect
 * events, completed tokens) still goes through Paho's callback thread as before; with manual acknowledgements Paho's
 * callback thread did nothing else with a QoS 0 or 1 message after the callback. {@code InlineDeliveryCallbackIT}
 * checks that messages arrive on the receive thread, complete, and come again when not acknowledged; the MQTT ingest
 * ITs (broker restart, store outage, hub restart) run with it.
 */
public final class InlineDeliveryCallback extends CommsCallback {

    private volatile MqttCallback target;

    private InlineDeliveryCallback(ClientComms comms) {
        super(comms);
    }

    /**
     * Makes the client deliver received messages on its receive thread. Call it before {@code setCallback} and
     * {@code setManualAcks}, once per client, before it connects.
     *
     * @throws IllegalStateException when this Paho version's classes do not have the fields it replaces
     */
    public static void install(MqttAsyncClient client) {
        try {
            ClientComms comms = (ClientComms) field(MqttAsyncClient.class, "comms").get(client);
            Field callbackOfComms = field(ClientComms.class, "callback");
            Field stateOfComms = field(ClientComms.class, "clientState");
            Field callbackOfState = field(ClientState.class, "callback");
            ClientState state = (ClientState) stateOfComms.get(comms);
            InlineDeliveryCallback inline = new InlineDeliveryCallback(comms);
            inline.setClientState(state);
            callbackOfComms.set(comms, inline);
            callbackOfState.set(state, inline);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot install the MQTT ingest's delivery on Paho's receive thread (Paho "
                    + "version not 1.2.5?): " + e, e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    @Override
    public void setCallback(MqttCallback mqttCallback) {
        super.setCallback(mqttCallback);
        this.target = mqttCallback;
    }

    /** Called by Paho's receive thread for every received PUBLISH: delivered there, not queued for the callback thread. */
    @Override
    public void messageArrived(MqttPublish publish) {
        MqttCallback t = target;
        if (t == null || isQuiescing()) {
            return; // as Paho: not delivered and not acknowledged, so the broker sends it again
        }
        MqttMessage message = publish.getMessage();
        message.setId(publish.getMessageId());
        try {
            t.messageArrived(publish.getTopicName(), message);
        } catch (RuntimeException e) {
            throw e; // the receive thread ends the connection, as Paho's callback thread did for a failing callback
        } catch (Exception e) {
            throw new IllegalStateException("message callback failed: " + e.getMessage(), e);
        }
    }
}
