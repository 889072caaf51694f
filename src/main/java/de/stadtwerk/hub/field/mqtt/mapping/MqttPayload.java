package de.stadtwerk.hub.field.mqtt.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * One received MQTT message as the mappings see it: topic, raw payload and when the hub received it.
 * {@link #envelope()} is the form kept in the quarantine (topic and payload, replayable).
 */
public record MqttPayload(String topic, byte[] payload, Instant receivedAt) {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The payload as UTF-8 text, or null when it is not valid UTF-8. */
    public String text() {
        if (isAscii(payload)) {
            return new String(payload, StandardCharsets.ISO_8859_1); // ASCII is valid UTF-8; this copy is the fast one
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Whether the payload is valid UTF-8 (without making its text: field devices send ASCII). */
    public boolean isUtf8() {
        return isAscii(payload) || text() != null;
    }

    /** Whether every byte is below 0x80 (field devices send ASCII JSON; a strict decoder per message is costly). */
    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code {"topic":"…","payload":"…"}}; a payload that is not UTF-8 is kept as {@code payloadBase64}. */
    public String envelope() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("topic", topic);
        String text = text();
        if (text != null) {
            n.put("payload", text);
        } else {
            n.put("payloadBase64", Base64.getEncoder().encodeToString(payload));
        }
        return n.toString();
    }

    /** Reads an {@link #envelope()} back (for a replay from the quarantine). */
    public static MqttPayload fromEnvelope(String envelope, Instant receivedAt) {
        try {
            JsonNode n = JSON.readTree(envelope);
            String topic = n.path("topic").asText(null);
            byte[] body = n.has("payloadBase64") ? Base64.getDecoder().decode(n.get("payloadBase64").asText())
                    : n.path("payload").asText("").getBytes(StandardCharsets.UTF_8);
            if (topic == null) {
                throw new PayloadException("quarantined MQTT item has no topic");
            }
            return new MqttPayload(topic, body, receivedAt);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new PayloadException("quarantined MQTT item is not a {topic, payload} envelope: " + e.getMessage());
        }
    }
}
