package de.stadtwerk.hub.legacy;

import de.stadtwerk.hub.model.Asset;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import de.stadtwerk.hub.transform.IsoInstants;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Maps a row of a legacy database (column label → value, looked up case-insensitively) to an {@link Observation} or an {@link Asset}, by configuration: each field
 * names a column of the query's result, or a fixed value in single quotes ({@code 'energy_import'}). Times of
 * {@code TIMESTAMP} columns without zone are local times of {@code zone} (the earlier offset in the repeated
 * autumn hour); {@code TIMESTAMP WITH TIME ZONE} and ISO texts with offset are taken as they are.
 */
public final class RowMapping {

    /** Fields of an observation: asset and start are required, and value and quantity. */
    public static final Set<String> OBSERVATION_FIELDS = Set.of("asset", "quantity", "value", "unit", "start", "end",
            "quality", "qualifier");
    /** Fields of an asset: id is required. {@code external_ids} holds {@code key=value|key=value}. */
    public static final Set<String> ASSET_FIELDS = Set.of("id", "name", "kind", "lat", "lon", "district", "postcode",
            "rated_power_kw", "external_ids");

    private final Map<String, String> fields;
    private final ZoneId zone;

    /**
     * @param fields field → column name or {@code 'fixed value'}
     * @param zone   zone of timestamps without zone
     */
    public RowMapping(Map<String, String> fields, ZoneId zone, boolean assets) {
        Set<String> allowed = assets ? ASSET_FIELDS : OBSERVATION_FIELDS;
        for (String f : fields.keySet()) {
            if (!allowed.contains(f)) {
                throw new IllegalArgumentException(LegacySettings.DB_MAP_PREFIX + f + ": unknown field (known: "
                        + allowed.stream().sorted().toList() + ")");
            }
        }
        for (String required : assets ? Set.of("id") : Set.of("asset", "quantity", "value", "start")) {
            if (!fields.containsKey(required)) {
                throw new IllegalArgumentException(LegacySettings.DB_MAP_PREFIX + required + " is missing: name the column"
                        + " (or a fixed value in single quotes)");
            }
        }
        this.fields = Map.copyOf(fields);
        this.zone = zone;
    }

    public Observation observation(Map<String, Object> rs) {
        String asset = text(rs, "asset", true);
        String quantity = text(rs, "quantity", true);
        Object v = raw(rs, "value");
        if (v == null) {
            throw new IllegalArgumentException("value (" + fields.get("value") + ") is NULL");
        }
        double value = v instanceof Number n ? n.doubleValue() : parseNumber(v.toString());
        Instant start = time(rs, "start", true);
        Instant end = time(rs, "end", false);
        String q = text(rs, "quality", false);
        Quality quality = q == null ? Quality.MEASURED : Quality.parse(q);
        String qualifier = text(rs, "qualifier", false);
        String unit = text(rs, "unit", false);
        String seriesId = qualifier == null ? null : de.stadtwerk.hub.store.SeriesIds.of(asset, quantity, qualifier);
        return new Observation(seriesId, asset, quantity, value, unit, start, end == null ? start : end, quality, null, null);
    }

    public Asset asset(Map<String, Object> rs) {
        Map<String, String> external = new HashMap<>();
        String ext = text(rs, "external_ids", false);
        if (ext != null) {
            for (String pair : ext.split("\\|")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    external.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
        }
        Double kw = number(rs, "rated_power_kw");
        return new Asset(text(rs, "id", true), text(rs, "name", false), text(rs, "kind", false), number(rs, "lat"),
                number(rs, "lon"), text(rs, "district", false), text(rs, "postcode", false), kw == null ? null : kw * 1000,
                external);
    }

    /** The watermark column's value as text: a number, or an ISO local date-time. */
    static String watermarkText(Object value) {
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime().toString();
        }
        if (value instanceof BigDecimal b) {
            return b.toPlainString();
        }
        return value.toString();
    }

    private Object raw(Map<String, Object> rs, String field) {
        String spec = fields.get(field);
        if (spec == null) {
            return null;
        }
        if (spec.length() >= 2 && spec.startsWith("'") && spec.endsWith("'")) {
            return spec.substring(1, spec.length() - 1);
        }
        if (!rs.containsKey(spec)) {
            throw new IllegalArgumentException(LegacySettings.DB_MAP_PREFIX + field + ": the query has no column '" + spec + "'");
        }
        return rs.get(spec);
    }

    private String text(Map<String, Object> rs, String field, boolean required) {
        Object v = raw(rs, field);
        String s = v == null ? null : v.toString().trim();
        if ((s == null || s.isEmpty()) && required) {
            throw new IllegalArgumentException(field + " (" + fields.get(field) + ") is empty");
        }
        return s == null || s.isEmpty() ? null : s;
    }

    private Double number(Map<String, Object> rs, String field) {
        Object v = raw(rs, field);
        if (v == null) {
            return null;
        }
        return v instanceof Number n ? n.doubleValue() : parseNumber(v.toString());
    }

    private static double parseNumber(String s) {
        try {
            return Double.parseDouble(s.trim().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a number");
        }
    }

    private Instant time(Map<String, Object> rs, String field, boolean required) {
        Object v = raw(rs, field);
        if (v == null) {
            if (required) {
                throw new IllegalArgumentException(field + " (" + fields.get(field) + ") is NULL");
            }
            return null;
        }
        if (v instanceof Timestamp t) {
            return local(t.toLocalDateTime());
        }
        if (v instanceof LocalDateTime l) {
            return local(l);
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (v instanceof Instant i) {
            return i;
        }
        String s = v.toString().trim();
        try {
            return IsoInstants.parseOffsetDateTime(s);
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return local(LocalDateTime.parse(s.replace(' ', 'T')));
            } catch (java.time.format.DateTimeParseException e2) {
                throw new IllegalArgumentException(field + " '" + s + "' is not a date-time");
            }
        }
    }

    private Instant local(LocalDateTime l) {
        return ZonedDateTime.ofLocal(l, zone, null).toInstant();
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
