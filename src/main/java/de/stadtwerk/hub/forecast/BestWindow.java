package de.stadtwerk.hub.forecast;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The best window of a (local) day: the {@code hours} consecutive hours with the highest mean of the level metric.
 *
 * @param day        local date
 * @param start      start of the first hour
 * @param end        end of the last hour
 * @param hours      length in hours
 * @param meanValue  mean of the metric (coverage or availability) over the window
 * @param level      level of that mean
 */
public record BestWindow(LocalDate day, Instant start, Instant end, int hours, double meanValue, SignalLevel level) {
}
