package de.stadtwerk.hub.forecast;

import java.time.Instant;

/** Expected mean load over [start, end) in W. */
public record LoadInterval(Instant start, Instant end, double watts) {
}
