package de.stadtwerk.hub.store;

import java.time.Instant;

/** One stored value of a series, as the partner API reads it (no lineage columns). */
public record StoredValue(Instant start, Instant end, double value, String quality) {
}
