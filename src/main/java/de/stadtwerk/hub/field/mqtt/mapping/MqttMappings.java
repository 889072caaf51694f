package de.stadtwerk.hub.field.mqtt.mapping;

import de.stadtwerk.hub.model.Observation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The payload shapes of the MQTT ingest, read from the mapping file ({@code hub.mqtt.mappings}, by default
 * {@code config/mqtt-mappings.yaml}). The first mapping whose topic filter matches a message's topic maps it.
 * A mistake in the file is reported with the mapping's name and the key.
 */
public final class MqttMappings {

    private static final Set<String> MAPPING_KEYS = Set.of("name", "description", "topic", "format", "asset", "time",
            "time-format", "time-zone", "values");
    private static final Set<String> VALUE_KEYS = Set.of("quantity", "obis", "value", "unit", "required");

    /** What one message became: observations, or the reason it is rejected. */
    public record Outcome(List<Observation> observations, String rejection) {
        public boolean accepted() {
            return rejection == null;
        }
    }

    private final List<PayloadMapping> mappings;

    public MqttMappings(List<PayloadMapping> mappings) {
        this.mappings = List.copyOf(mappings);
    }

    public List<PayloadMapping> mappings() {
        return mappings;
    }

    /** The topic filters of all mappings, in file order, without duplicates. */
    public List<String> topicFilters() {
        Set<String> filters = new LinkedHashSet<>();
        mappings.forEach(m -> filters.add(m.topic().filter()));
        return List.copyOf(filters);
    }

    /** Maps one message with the first mapping whose topic filter matches. Never throws for bad payloads. */
    public Outcome map(MqttPayload message) {
        for (PayloadMapping m : mappings) {
            if (m.topic().matches(message.topic())) {
                try {
                    return new Outcome(m.map(message), null);
                } catch (PayloadException e) {
                    return new Outcome(List.of(), "mapping " + m.name() + ": " + e.getMessage());
                }
            }
        }
        return new Outcome(List.of(), "no mapping for topic " + message.topic());
    }

    /** Reads a mapping file. */
    public static MqttMappings load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromInputStream(in),
                    file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the MQTT mapping file " + file + ": " + e.getMessage(), e);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException("MQTT mapping file " + file + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    /** Reads mappings from YAML text (for tests). */
    public static MqttMappings parse(String yaml) {
        return parse(new Load(LoadSettings.builder().build()).loadFromString(yaml), "mapping text");
    }

    private static MqttMappings parse(Object root, String where) {
        if (!(root instanceof Map<?, ?> top) || !(top.get("mappings") instanceof List<?> items)) {
            throw new IllegalArgumentException(where + ": expected a top-level list 'mappings:'");
        }
        List<PayloadMapping> result = new ArrayList<>();
        int i = 0;
        for (Object item : items) {
            String label = where + ", mapping " + (i + 1);
            if (!(item instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(label + ": expected a map of keys");
            }
            if (m.get("name") != null) {
                label = where + ", mapping " + m.get("name");
            }
            try {
                result.add(mapping(m));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(label + ": " + e.getMessage(), e);
            }
            i++;
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException(where + ": no mappings");
        }
        return new MqttMappings(result);
    }

    private static PayloadMapping mapping(Map<?, ?> m) {
        checkKeys(m, MAPPING_KEYS, "");
        String name = required(m, "name");
        TopicFilter topic = new TopicFilter(required(m, "topic"));
        PayloadMapping.Format format = enumOf(PayloadMapping.Format.class, optional(m, "format", "json"), "format");
        FieldTemplate asset = FieldTemplate.parse(required(m, "asset"));
        String timeText = optional(m, "time", "received");
        FieldTemplate time = timeText.equals("received") ? null : FieldTemplate.parse(timeText);
        PayloadMapping.TimeFormat timeFormat = enumOf(PayloadMapping.TimeFormat.class,
                optional(m, "time-format", "iso"), "time-format");
        ZoneId zone = null;
        String zoneText = optional(m, "time-zone", null);
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("time-zone '" + zoneText + "' is not a zone id such as Europe/Berlin");
            }
        }
        if (!(m.get("values") instanceof List<?> vs) || vs.isEmpty()) {
            throw new IllegalArgumentException("'values:' must list at least one value");
        }
        List<PayloadMapping.ValueMapping> values = new ArrayList<>();
        for (Object o : vs) {
            if (!(o instanceof Map<?, ?> v)) {
                throw new IllegalArgumentException("each entry of 'values:' must be a map");
            }
            values.add(value(v, format));
        }
        List<FieldTemplate> all = new ArrayList<>();
        all.add(asset);
        if (time != null) {
            all.add(time);
        }
        if (format == PayloadMapping.Format.NUMBER && all.stream().anyMatch(FieldTemplate::readsJson)) {
            throw new IllegalArgumentException("format number cannot read JSON paths; use format json");
        }
        return new PayloadMapping(name, topic, format, asset, time, timeFormat, zone, values);
    }

    private static PayloadMapping.ValueMapping value(Map<?, ?> v, PayloadMapping.Format format) {
        checkKeys(v, VALUE_KEYS, "values: ");
        String quantity = optional(v, "quantity", null);
        String obis = optional(v, "obis", null);
        if ((quantity == null) == (obis == null)) {
            throw new IllegalArgumentException("each value needs either 'quantity' or 'obis'");
        }
        String valueText = optional(v, "value", format == PayloadMapping.Format.NUMBER ? "{payload}" : null);
        if (valueText == null) {
            throw new IllegalArgumentException("each value needs 'value' (e.g. {$.value})");
        }
        FieldTemplate value = FieldTemplate.parse(valueText);
        if (format == PayloadMapping.Format.NUMBER && value.readsJson()) {
            throw new IllegalArgumentException("format number cannot read JSON paths; use format json");
        }
        String unit = optional(v, "unit", null);
        String required = optional(v, "required", "true");
        return new PayloadMapping.ValueMapping(quantity == null ? null : FieldTemplate.parse(quantity),
                obis == null ? null : FieldTemplate.parse(obis), value, unit == null ? null : FieldTemplate.parse(unit),
                Boolean.parseBoolean(required));
    }

    private static void checkKeys(Map<?, ?> m, Set<String> allowed, String prefix) {
        for (Object k : m.keySet()) {
            if (!allowed.contains(String.valueOf(k))) {
                throw new IllegalArgumentException("unknown key '" + prefix + k + "' (allowed: " + allowed.stream().sorted().toList() + ")");
            }
        }
    }

    private static String required(Map<?, ?> m, String key) {
        String v = optional(m, key, null);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("'" + key + "' is required");
        }
        return v;
    }

    private static String optional(Map<?, ?> m, String key, String dflt) {
        Object v = m.get(key);
        return v == null ? dflt : String.valueOf(v);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String text, String key) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " '" + text + "' is not one of "
                    + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList());
        }
    }
}
