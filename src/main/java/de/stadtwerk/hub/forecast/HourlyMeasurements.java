package de.stadtwerk.hub.forecast;

import java.time.Instant;
import java.util.Map;

/** Hourly means of a measured series (feed-in, grid load), keyed by the start of the hour; empty when there are none. */
@FunctionalInterface
public interface HourlyMeasurements {

    /** The hourly means of {@code seriesId} for the hours starting in [from, to), in W. */
    Map<Instant, Double> hourlyMeans(String seriesId, Instant from, Instant to);

    /** No measurements at all. */
    static HourlyMeasurements none() {
        return (series, from, to) -> Map.of();
    }
}
