package de.stadtwerk.hub.field.opcua;

import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import java.time.Instant;
import java.util.Optional;

/**
 * Maps one OPC UA value (the parts of a Milo {@code DataValue}) to an observation. Plain Java, no Milo or Camel types,
 * so the rules are tested alone:
 * <ul>
 *   <li>quality from the status code's severity (its two top bits): Good → {@code MEASURED}, Uncertain →
 *       {@code SUSPECT}, Bad → {@code INVALID};</li>
 *   <li>time from the source timestamp (when the device measured); when the server sends none, its server timestamp,
 *       and when there is none either, the hub's receive time with the quality lowered to at least {@code SUSPECT};</li>
 *   <li>numbers as they are, booleans as 1/0; a value that is missing (a Bad status usually carries none) or not a
 *       number gives no observation ({@link Optional#empty()}).</li>
 * </ul>
 */
public final class OpcUaValueMapper {

    /** Lineage of OPC UA values in the store. */
    public static final String SOURCE = "field-opcua";

    private OpcUaValueMapper() {
    }

    /** Quality of an OPC UA status code (32 bits, as Milo's {@code StatusCode.getValue()}). */
    public static Quality quality(long statusCode) {
        int severity = (int) ((statusCode >>> 30) & 0x3);
        return switch (severity) {
            case 0 -> Quality.MEASURED;
            case 1 -> Quality.SUSPECT;
            default -> Quality.INVALID;
        };
    }

    /**
     * @param node       the node list entry
     * @param value      the variant's value (Double, Float, Integer, Long, Boolean, …), may be null
     * @param statusCode the status code
     * @param sourceTime the source timestamp, may be null
     * @param serverTime the server timestamp, may be null
     * @param receivedAt when the hub received it
     */
    public static Optional<Observation> map(OpcUaNode node, Object value, long statusCode, Instant sourceTime,
            Instant serverTime, Instant receivedAt) {
        Double number = number(value);
        if (number == null) {
            return Optional.empty();
        }
        Quality quality = quality(statusCode);
        Instant at = sourceTime;
        if (at == null) {
            at = serverTime;
        }
        if (at == null) {
            at = receivedAt;
            if (quality.compareTo(Quality.SUSPECT) < 0) {
                quality = Quality.SUSPECT;
            }
        }
        return Optional.of(new Observation(null, node.assetId(), node.quantity(), number, node.unit(), at, at, quality,
                SOURCE, receivedAt));
    }

    static Double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        return null;
    }
}
