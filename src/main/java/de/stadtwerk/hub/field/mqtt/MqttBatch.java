package de.stadtwerk.hub.field.mqtt;

import de.stadtwerk.hub.field.mqtt.mapping.MqttPayload;
import java.util.List;

/**
 * The body of an exchange from a {@code hub-mqtt:} endpoint: the messages of one batch, in arrival order. They
 * are acknowledged to the broker only when the exchange completed without an exception (that is, after the
 * store committed them); otherwise the broker sends them again.
 */
public record MqttBatch(List<MqttPayload> messages) {

    public MqttBatch {
        messages = List.copyOf(messages);
    }

    public int size() {
        return messages.size();
    }
}
