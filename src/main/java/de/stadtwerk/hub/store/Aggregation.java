package de.stadtwerk.hub.store;

import java.util.Locale;

/** Aggregate functions for aggregated queries; computed by the database. */
public enum Aggregation {
    AVG, SUM, MIN, MAX;

    String sql() {
        return name();
    }

    public static Aggregation ofCode(String code) {
        try {
            return valueOf(code.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown aggregation '" + code + "', expected avg, sum, min or max");
        }
    }
}
