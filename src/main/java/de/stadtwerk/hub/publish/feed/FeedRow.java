package de.stadtwerk.hub.publish.feed;

import java.time.Instant;

/**
 * One row of a feed: a value of a series over [start, end) (start = end for an instant).
 *
 * @param seriesId series id
 * @param start    start (UTC)
 * @param end      end (UTC)
 * @param value    the value, in the series' unit
 * @param quality  quality code (raw values and forecasts), or null for an aggregate
 * @param count    how many values an aggregate was made of, or -1 for a raw value
 */
public record FeedRow(String seriesId, Instant start, Instant end, double value, String quality, long count) {
}
