package de.stadtwerk.hub.parse.openmeteo;

import com.fasterxml.jackson.databind.JsonNode;
import de.stadtwerk.hub.model.Forecast;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import de.stadtwerk.hub.parse.internal.JsonInput;
import de.stadtwerk.hub.quarantine.BadInputException;
import de.stadtwerk.hub.store.SeriesIds;
import de.stadtwerk.hub.transform.Units;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses Open-Meteo forecast ({@code /v1/forecast}) and historical ({@code /v1/archive}) answers: the
 * {@code hourly} arrays with their {@code hourly_units}.
 *
 * <p>Time: with {@code timeformat=iso8601} (the default) the times are local wall-clock times without offset.
 * Open-Meteo shifts the whole answer by <em>one</em> offset, {@code utc_offset_seconds}, the offset of
 * {@code timezone} at the time of the request, even across a DST change or for past years (see
 * open-meteo/open-meteo#261, #488). So UTC = local time − {@code utc_offset_seconds}; applying the zone's rules
 * instead would shift values by an hour on the other side of a DST change. With {@code timeformat=unixtime} the
 * times are already UTC epoch seconds.
 */
public final class OpenMeteoParser {

    /** Default lineage written into {@code source}. */
    public static final String DEFAULT_SOURCE = "open-meteo";
    /** Model name of forecasts. */
    public static final String MODEL = "Open-Meteo";
    /** Default largest distance (degrees, per axis) between the requested site and the grid cell answered. */
    public static final double DEFAULT_MAX_DISTANCE_DEG = 0.5;

    private final List<OpenMeteoVariable> variables;
    private final double maxDistanceDeg;
    private final String source;

    public OpenMeteoParser(List<OpenMeteoVariable> variables, double maxDistanceDeg, String source) {
        this.variables = List.copyOf(variables);
        this.maxDistanceDeg = maxDistanceDeg;
        this.source = source;
    }

    public OpenMeteoParser() {
        this(OpenMeteoVariable.DEFAULTS, DEFAULT_MAX_DISTANCE_DEG, DEFAULT_SOURCE);
    }

    /** An answer of the historical API (reanalysis) as observations with quality ESTIMATED. */
    public List<Observation> observations(InputStream in, OpenMeteoSite site, Instant receivedAt) {
        return values(in, site).stream().map(v -> new Observation(v.seriesId(), v.assetId(), v.quantity(), v.value(),
                v.unit(), v.start(), v.end(), Quality.ESTIMATED, source, receivedAt)).toList();
    }

    /** An answer of the forecast API as forecasts issued at {@code issuedAt} (the answer does not say). */
    public List<Forecast> forecasts(InputStream in, OpenMeteoSite site, Instant issuedAt) {
        return values(in, site).stream().map(v -> new Forecast(v.seriesId(), v.assetId(), v.quantity(), v.value(),
                v.unit(), v.start(), v.end(), issuedAt, MODEL, source)).toList();
    }

    /** The values of the configured variables, in canonical units and UTC; nulls skipped. */
    public List<OpenMeteoValue> values(InputStream in, OpenMeteoSite site) {
        String what = "Open-Meteo answer for " + site.assetId();
        JsonNode root = JsonInput.read(in, what);
        if (!root.isObject()) {
            throw new BadInputException(what + " is a JSON " + root.getNodeType() + ", expected an object");
        }
        if (root.path("error").asBoolean(false)) {
            throw new BadInputException(what + " is an error: " + root.path("reason").asText("(no reason given)"));
        }
        checkPosition(root, site, what);
        JsonNode hourly = JsonInput.require(root, "hourly", what);
        JsonNode units = JsonInput.require(root, "hourly_units", what);
        List<Instant> times = times(root, hourly, units, what);
        Duration step = times.size() > 1 ? Duration.between(times.get(0), times.get(1)) : Duration.ofHours(1);

        List<OpenMeteoValue> out = new ArrayList<>();
        int found = 0;
        for (OpenMeteoVariable variable : variables) {
            String name = variable.names().stream().filter(hourly::has).findFirst().orElse(null);
            if (name == null) {
                continue;
            }
            found++;
            JsonNode values = hourly.get(name);
            if (!values.isArray() || values.size() != times.size()) {
                throw new BadInputException(what + ": hourly." + name + " has " + (values.isArray() ? values.size()
                        + " values" : "no array") + " but hourly.time has " + times.size() + " entries");
            }
            String unit = units.path(name).asText(null);
            if (unit == null || !Units.isKnown(unit)) {
                throw new BadInputException(what + ": hourly_units." + name + " is '" + unit + "', not a unit the hub"
                        + " converts (expected e.g. " + variable.quantity().canonicalUnit() + ")");
            }
            String quantity = variable.quantity().code();
            String canonical = variable.quantity().canonicalUnit();
            String seriesId = SeriesIds.of(site.assetId(), quantity, variable.qualifier());
            for (int i = 0; i < times.size(); i++) {
                JsonNode v = values.get(i);
                if (v.isNull()) {
                    continue;
                }
                if (!v.isNumber()) {
                    throw new BadInputException(what + ": hourly." + name + "[" + i + "] at " + times.get(i) + " is '"
                            + v + "', expected a number or null");
                }
                double value;
                try {
                    value = Units.convert(v.asDouble(), unit, canonical);
                } catch (Units.UnitException e) {
                    throw new BadInputException(what + ": hourly." + name + ": " + e.getMessage(), e);
                }
                Instant end = times.get(i);
                Instant start = variable.precedingInterval() ? end.minus(step) : end;
                out.add(new OpenMeteoValue(seriesId, site.assetId(), quantity, value, canonical, start, end));
            }
        }
        if (found == 0) {
            throw new BadInputException(what + " has none of the variables "
                    + variables.stream().map(v -> v.names().get(0)).toList() + " in 'hourly'" + JsonInput.keys(hourly));
        }
        return out;
    }

    private void checkPosition(JsonNode root, OpenMeteoSite site, String what) {
        JsonNode lat = root.get("latitude");
        JsonNode lon = root.get("longitude");
        if (lat == null || lon == null || !lat.isNumber() || !lon.isNumber()) {
            throw new BadInputException(what + " has no numeric 'latitude'/'longitude'" + JsonInput.keys(root));
        }
        if (Math.abs(lat.asDouble() - site.lat()) > maxDistanceDeg || Math.abs(lon.asDouble() - site.lon()) > maxDistanceDeg) {
            throw new BadInputException(what + " is for " + lat.asDouble() + "/" + lon.asDouble() + " but the site is at "
                    + site.lat() + "/" + site.lon() + " (more than " + maxDistanceDeg + "° apart)");
        }
    }

    private static List<Instant> times(JsonNode root, JsonNode hourly, JsonNode units, String what) {
        JsonNode time = JsonInput.require(hourly, "time", what + " hourly");
        if (!time.isArray()) {
            throw new BadInputException(what + ": hourly.time is " + time.getNodeType() + ", expected an array");
        }
        String format = units.path("time").asText("iso8601");
        List<Instant> out = new ArrayList<>(time.size());
        if ("unixtime".equals(format)) {
            for (int i = 0; i < time.size(); i++) {
                if (!time.get(i).isIntegralNumber()) {
                    throw new BadInputException(what + ": hourly.time[" + i + "] is '" + time.get(i)
                            + "', expected epoch seconds (hourly_units.time is unixtime)");
                }
                out.add(Instant.ofEpochSecond(time.get(i).asLong()));
            }
            return out;
        }
        if (!"iso8601".equals(format)) {
            throw new BadInputException(what + ": hourly_units.time is '" + format + "', expected iso8601 or unixtime");
        }
        ZoneOffset offset = offset(root, what);
        for (int i = 0; i < time.size(); i++) {
            String t = time.get(i).asText();
            try {
                out.add(LocalDateTime.parse(t).toInstant(offset));
            } catch (DateTimeParseException e) {
                throw new BadInputException(what + ": hourly.time[" + i + "] is '" + t
                        + "', expected a local ISO date-time like 2024-06-01T13:00", e);
            }
        }
        return out;
    }

    private static ZoneOffset offset(JsonNode root, String what) {
        JsonNode seconds = root.get("utc_offset_seconds");
        if (seconds == null || seconds.isNull()) {
            String tz = root.path("timezone").asText("GMT");
            if (tz.equals("GMT") || tz.equals("UTC")) {
                return ZoneOffset.UTC;
            }
            throw new BadInputException(what + " has local times in timezone '" + tz
                    + "' but no 'utc_offset_seconds' to turn them into UTC");
        }
        if (!seconds.isIntegralNumber() || Math.abs(seconds.asInt()) > 18 * 3600) {
            throw new BadInputException(what + ": utc_offset_seconds is '" + seconds + "', expected whole seconds"
                    + " within ±18 h");
        }
        return ZoneOffset.ofTotalSeconds(seconds.asInt());
    }
}
