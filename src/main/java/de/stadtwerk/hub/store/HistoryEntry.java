package de.stadtwerk.hub.store;

import java.time.Instant;

/** A value that was replaced by a correction: what it was, what it became, and when. */
public record HistoryEntry(String seriesId, Instant start, Instant end, double oldValue, String oldQuality,
                           String oldSource, double newValue, String newQuality, Instant changedAt) {
}
