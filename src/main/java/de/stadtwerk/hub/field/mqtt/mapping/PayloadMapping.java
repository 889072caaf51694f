package de.stadtwerk.hub.field.mqtt.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import de.stadtwerk.hub.model.Quantity;
import de.stadtwerk.hub.store.SeriesIds;
import de.stadtwerk.hub.transform.IsoInstants;
import de.stadtwerk.hub.transform.ObisMapping;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One payload shape, declared in the mapping file (see {@code config/mqtt-mappings.yaml} and docs/field-mqtt.md):
 * which topics it serves, whether the payload is JSON or a plain number, and where asset, time and each value
 * come from. Turns a message into observations (value in the unit the message names; the ingest pipeline
 * converts it to the canonical unit) or throws a {@link PayloadException} that says what is wrong.
 *
 * @param name       the shape's name (lineage: source {@code mqtt/<name>})
 * @param topic      the topic filter whose messages this shape reads
 * @param format     JSON or a plain number/text payload
 * @param asset      template of the asset id
 * @param time       template of the time, or null to take the time of receipt
 * @param timeFormat how the time text is read
 * @param timeZone   zone for ISO local times without offset (a time in the spring gap is rejected; one in the
 *                   repeated autumn hour is the instant nearer to the receipt); null: such times are rejected
 * @param values     one entry per observation the message carries
 */
public record PayloadMapping(String name, TopicFilter topic, Format format, FieldTemplate asset, FieldTemplate time,
                             TimeFormat timeFormat, ZoneId timeZone, List<ValueMapping> values) {

    /** The payload format. */
    public enum Format { JSON, NUMBER }

    /** How a time text is read. */
    public enum TimeFormat { ISO, EPOCH_SECONDS, EPOCH_MILLIS }

    /**
     * One value of a message.
     *
     * @param quantity a quantity code template (exclusive with obis)
     * @param obis     an OBIS code template: quantity and series qualifier come from {@code transform.ObisMapping}
     * @param value    template of the number
     * @param unit     template of the unit, or null for the quantity's canonical unit
     * @param required false: skip this value when its field is missing (other values of the message still count)
     */
    public record ValueMapping(FieldTemplate quantity, FieldTemplate obis, FieldTemplate value, FieldTemplate unit,
                               boolean required) {
    }

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    public PayloadMapping {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("mapping " + name + ": needs at least one value");
        }
    }

    /** Maps one message; throws {@link PayloadException} when it does not fit this shape. */
    public List<Observation> map(MqttPayload message) {
        String text = message.text();
        if (text == null) {
            throw new PayloadException("payload is not valid UTF-8 text");
        }
        JsonNode json = null;
        if (format == Format.JSON) {
            json = parseJson(message.payload()); // valid UTF-8 (text() said so): Jackson's byte parser is the fast one
        }
        FieldTemplate.Context ctx = new FieldTemplate.Context(message.topic().split("/", -1), text, json);
        String assetId = asset.text(ctx, "asset");
        if (assetId.isBlank()) {
            throw new PayloadException("asset id is empty");
        }
        Instant at = time == null ? message.receivedAt() : readTime(ctx, message.receivedAt());
        String source = "mqtt/" + name;
        List<Observation> out = new ArrayList<>(values.size());
        for (ValueMapping v : values) {
            Observation o;
            try {
                o = mapValue(v, ctx, assetId, at, source, message.receivedAt());
            } catch (PayloadException e) {
                if (!v.required() && e.getMessage().startsWith("missing field")) {
                    continue;
                }
                throw e;
            }
            out.add(o);
        }
        if (out.isEmpty()) {
            throw new PayloadException("none of the values of mapping " + name + " is in the payload");
        }
        return out;
    }

    /** Reads JSON trees without looking the type up per message. */
    private static final com.fasterxml.jackson.databind.ObjectReader TREE_READER = MqttPayload.JSON.readerFor(JsonNode.class);

    private static JsonNode parseJson(byte[] payload) {
        try {
            JsonNode json = TREE_READER.readTree(payload);
            if (json == null || json.isMissingNode()) {
                throw new PayloadException("payload is empty, expected JSON");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new PayloadException("payload is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) { // not thrown for an array in memory; the byte[] signature declares it
            throw new PayloadException("payload could not be read: " + e.getMessage());
        }
    }

    private Observation mapValue(ValueMapping v, FieldTemplate.Context ctx, String assetId, Instant at, String source,
                                 Instant receivedAt) {
        String quantity;
        String seriesId = null;
        if (v.obis() != null) {
            String code = v.obis().text(ctx, "obis");
            ObisMapping.Target target;
            try {
                target = ObisMapping.map(code);
            } catch (IllegalArgumentException e) {
                throw new PayloadException("unknown OBIS code '" + code + "': " + e.getMessage());
            }
            quantity = target.quantity().code();
            seriesId = SeriesIds.of(assetId, quantity, target.qualifier());
        } else {
            quantity = v.quantity().text(ctx, "quantity");
            if (!Quantity.isKnown(quantity)) {
                throw new PayloadException("unknown quantity '" + quantity + "'");
            }
        }
        double value = readNumber(v.value(), ctx);
        String unit = v.unit() == null ? null : v.unit().text(ctx, "unit");
        return new Observation(seriesId, assetId, quantity, value, unit, at, at, Quality.MEASURED, source, receivedAt);
    }

    private static double readNumber(FieldTemplate t, FieldTemplate.Context ctx) {
        JsonNode node = ctx.json() == null ? null : t.node(ctx, "value");
        double d;
        if (node != null) {
            if (!node.isNumber()) {
                throw new PayloadException("field " + t + " (value) must be a JSON number, found "
                        + node.getNodeType() + " " + abbreviate(node.toString()));
            }
            d = node.doubleValue();
        } else {
            String s = t.text(ctx, "value").trim();
            if (!NUMBER.matcher(s).matches()) {
                throw new PayloadException("value '" + abbreviate(s) + "' is not a number");
            }
            d = Double.parseDouble(s);
        }
        if (!Double.isFinite(d)) {
            throw new PayloadException("value " + t + " is not a finite number");
        }
        return d;
    }

    private Instant readTime(FieldTemplate.Context ctx, Instant receivedAt) {
        String s = time.text(ctx, "time").trim();
        try {
            return switch (timeFormat) {
                case EPOCH_SECONDS -> Instant.ofEpochSecond(Long.parseLong(s));
                case EPOCH_MILLIS -> Instant.ofEpochMilli(Long.parseLong(s));
                case ISO -> isoTime(s, receivedAt);
            };
        } catch (NumberFormatException | DateTimeException e) {
            throw new PayloadException("time '" + abbreviate(s) + "' is not " + switch (timeFormat) {
                case EPOCH_SECONDS -> "epoch seconds";
                case EPOCH_MILLIS -> "epoch milliseconds";
                case ISO -> timeZone == null ? "an ISO-8601 time with offset" : "an ISO-8601 time";
            });
        }
    }

    private Instant isoTime(String s, Instant receivedAt) {
        try {
            return IsoInstants.parseOffsetDateTime(s);
        } catch (DateTimeParseException e) {
            if (timeZone == null) {
                throw e;
            }
            LocalDateTime local = LocalDateTime.parse(s);
            java.time.zone.ZoneOffsetTransition t = timeZone.getRules().getTransition(local);
            if (t != null && t.isGap()) {
                throw new PayloadException("local time " + local + " does not exist in " + timeZone + " (the clocks jump"
                        + " from " + t.getDateTimeBefore().toLocalTime() + " to " + t.getDateTimeAfter().toLocalTime()
                        + " that day); send the time with its offset");
            }
            if (t != null) {
                // the repeated autumn hour: a device sends in real time, so the reading is the one of the two
                // instants nearer to when the hub received it
                Instant summer = local.atOffset(t.getOffsetBefore()).toInstant();
                Instant winter = local.atOffset(t.getOffsetAfter()).toInstant();
                return Duration.between(summer, receivedAt).abs().compareTo(Duration.between(winter, receivedAt).abs()) <= 0
                        ? summer : winter;
            }
            return local.atZone(timeZone).toInstant();
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
