package de.stadtwerk.hub.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * One value of one time series, in the unified model (DESIGN §4).
 *
 * <p>Identity is ({@code seriesId}, {@code start}, {@code end}); an instant has start == end. Values are in the
 * canonical unit of their quantity once they passed the ingest pipeline; a source may hand in another unit
 * that converts to it (e.g. kWh), and the pipeline converts it.
 *
 * @param seriesId   stable series id: asset + quantity (+ qualifier); derived by the pipeline when null
 * @param assetId    the asset the value belongs to
 * @param quantity   code from the {@link Quantity} vocabulary
 * @param value      the number
 * @param unit       UCUM unit of {@code value}
 * @param start      start of the interval (UTC instant)
 * @param end        end of the interval; equal to start for an instant
 * @param quality    trust in the value
 * @param source     lineage: the route or system it came from
 * @param receivedAt when the hub received it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = false)
public record Observation(
        String seriesId,
        String assetId,
        String quantity,
        double value,
        String unit,
        Instant start,
        Instant end,
        Quality quality,
        String source,
        Instant receivedAt) {

    public Observation {
        if (end == null) {
            end = start;
        }
        if (quality == null) {
            quality = Quality.MEASURED;
        }
    }

    /** An instant measurement with quality MEASURED; series id, source and receivedAt are filled in at ingest. */
    public static Observation of(String assetId, String quantity, double value, String unit, Instant at) {
        return new Observation(null, assetId, quantity, value, unit, at, at, Quality.MEASURED, null, null);
    }

    /** An interval value (e.g. an energy quantity over 15 minutes). */
    public static Observation interval(String assetId, String quantity, double value, String unit, Instant start, Instant end) {
        return new Observation(null, assetId, quantity, value, unit, start, end, Quality.MEASURED, null, null);
    }

    public Observation withSeriesId(String id) {
        return new Observation(id, assetId, quantity, value, unit, start, end, quality, source, receivedAt);
    }

    public Observation withValue(double newValue, String newUnit) {
        return new Observation(seriesId, assetId, quantity, newValue, newUnit, start, end, quality, source, receivedAt);
    }

    public Observation withQuality(Quality q) {
        return new Observation(seriesId, assetId, quantity, value, unit, start, end, q, source, receivedAt);
    }

    public Observation withLineage(String newSource, Instant newReceivedAt) {
        return new Observation(seriesId, assetId, quantity, value, unit, start, end, quality,
                source != null ? source : newSource, receivedAt != null ? receivedAt : newReceivedAt);
    }

    /** Whether this is an instant (start == end) rather than an interval. */
    @JsonIgnore
    public boolean isInstant() {
        return Objects.equals(start, end);
    }
}
