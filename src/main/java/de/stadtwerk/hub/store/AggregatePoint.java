package de.stadtwerk.hub.store;

import java.time.Instant;

/**
 * One bucket of an aggregated query.
 *
 * @param start start of the bucket (UTC)
 * @param end   end of the bucket (UTC); a local day at a DST change is 23 or 25 hours long
 * @param value the aggregate
 * @param count how many observations went into it
 */
public record AggregatePoint(Instant start, Instant end, double value, long count) {
}
