package de.stadtwerk.hub.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import de.stadtwerk.hub.transform.IsoInstants;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of an observation (documented in docs/ingest.md), read field by field so that every error
 * names the field and the item. Times are ISO-8601 text with an offset ({@code Z} or {@code +01:00}); a
 * number or a local time without offset is rejected, because epoch seconds and milliseconds cannot be told
 * apart and a local time is ambiguous at DST changes.
 */
public final class ObservationJson {

    /** Jackson set up for the model: ISO-8601 instants, no nulls. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private static final Set<String> FIELDS = Set.of("seriesId", "assetId", "quantity", "value", "unit", "start",
            "end", "quality", "source", "receivedAt");

    private ObservationJson() {
    }

    /** Reads one observation from a JSON object; throws {@link IllegalArgumentException} naming the field. */
    public static Observation fromNode(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object, found " + (node == null ? "nothing" : node.getNodeType()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + name + "' (known: " + FIELDS.stream().sorted().toList() + ")");
            }
        }
        JsonNode v = node.get("value");
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("field value is missing");
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("field value must be a JSON number, found " + v.getNodeType() + " " + abbreviate(v.toString()));
        }
        double value = v.doubleValue();
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException("field value " + abbreviate(v.asText()) + " is out of range");
        }
        Instant start = instant(node, "start");
        Instant end = instant(node, "end");
        Quality quality;
        try {
            quality = Quality.parse(text(node, "quality"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field quality: " + e.getMessage());
        }
        return new Observation(text(node, "seriesId"), text(node, "assetId"), text(node, "quantity"), value,
                text(node, "unit"), start, end, quality, text(node, "source"), instant(node, "receivedAt"));
    }

    /** The JSON text of an observation. */
    public static String toJson(Observation o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write observation as JSON", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException("field " + field + " must be text, found " + n.getNodeType());
        }
        return n.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException("field " + field + " must be ISO-8601 text with an offset, e.g."
                    + " 2026-11-26T10:15:00+01:00, found " + n.getNodeType() + " " + abbreviate(n.toString()));
        }
        String t = n.asText();
        try {
            return IsoInstants.parseOffsetDateTime(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field " + field + ": '" + abbreviate(t)
                    + "' is not an ISO-8601 time with an offset (e.g. 2026-11-26T10:15:00+01:00 or …Z)");
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "…";
    }
}
