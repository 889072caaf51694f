package de.stadtwerk.hub.store;

import java.time.Instant;

/** The time span [from, to] (both included) of a series' readings in a batch, for {@link CounterReadings}. */
public record ReadingSpan(Instant from, Instant to) {
}
