package de.stadtwerk.hub.field.mqtt.mapping;

import com.fasterxml.jackson.databind.node.JsonNodeType;
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
 * <p>A JSON payload is read in one streaming pass for the paths the shape's templates name ({@link JsonFields}).
 */
public final class PayloadMapping {

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

        List<FieldTemplate> templates() {
            List<FieldTemplate> all = new ArrayList<>();
            for (FieldTemplate t : new FieldTemplate[] {quantity, obis, value, unit}) {
                if (t != null) {
                    all.add(t);
                }
            }
            return all;
        }
    }

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private final String name;
    private final TopicFilter topic;
    private final Format format;
    private final FieldTemplate asset;
    private final FieldTemplate time;
    private final TimeFormat timeFormat;
    private final ZoneId timeZone;
    private final List<ValueMapping> values;
    /** The JSON paths all templates read; null for a plain-number shape. */
    private final JsonFields jsonFields;
    private final String source;

    /**
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
    public PayloadMapping(String name, TopicFilter topic, Format format, FieldTemplate asset, FieldTemplate time,
                          TimeFormat timeFormat, ZoneId timeZone, List<ValueMapping> values) {
        this.values = List.copyOf(values);
        if (this.values.isEmpty()) {
            throw new IllegalArgumentException("mapping " + name + ": needs at least one value");
        }
        this.name = name;
        this.topic = topic;
        this.format = format;
        this.asset = asset;
        this.time = time;
        this.timeFormat = timeFormat;
        this.timeZone = timeZone;
        this.source = "mqtt/" + name;
        List<FieldTemplate> templates = new ArrayList<>();
        templates.add(asset);
        if (time != null) {
            templates.add(time);
        }
        this.values.forEach(v -> templates.addAll(v.templates()));
        this.jsonFields = format == Format.JSON
                ? JsonFields.of(templates.stream().flatMap(t -> t.jsonPointers().stream()).toList()) : null;
    }

    public String name() {
        return name;
    }

    public TopicFilter topic() {
        return topic;
    }

    public Format format() {
        return format;
    }

    public FieldTemplate asset() {
        return asset;
    }

    public FieldTemplate time() {
        return time;
    }

    public TimeFormat timeFormat() {
        return timeFormat;
    }

    public ZoneId timeZone() {
        return timeZone;
    }

    public List<ValueMapping> values() {
        return values;
    }

    /** Maps one message; throws {@link PayloadException} when it does not fit this shape. */
    public List<Observation> map(MqttPayload message) {
        if (!message.isUtf8()) {
            throw new PayloadException("payload is not valid UTF-8 text");
        }
        // valid UTF-8: Jackson's byte parser is the fast one
        JsonFields.Values json = jsonFields == null ? null : jsonFields.read(message.payload());
        FieldTemplate.Context ctx = new FieldTemplate.Context(message, json);
        String assetId = asset.text(ctx, "asset");
        if (assetId.isBlank()) {
            throw new PayloadException("asset id is empty");
        }
        Instant at = time == null ? message.receivedAt() : readTime(ctx, message.receivedAt());
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
        JsonFields.Value node = ctx.json() == null ? null : t.value(ctx, "value");
        double d;
        if (node != null) {
            if (node.type() != JsonNodeType.NUMBER) {
                throw new PayloadException("field " + t + " (value) must be a JSON number, found "
                        + node.type() + " " + abbreviate(ctx.json().json(t.singlePointer())));
            }
            d = node.number();
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
