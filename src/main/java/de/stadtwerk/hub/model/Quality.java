package de.stadtwerk.hub.model;

/**
 * How far a value can be trusted. Mapped at ingest from MSCONS qualifiers and status, OPC UA status
 * codes and the plausibility checks. Ordered from best to worst.
 */
public enum Quality {
    /** Read from a meter or sensor. */
    MEASURED,
    /** Estimated by the source (e.g. a load-profile estimate). */
    ESTIMATED,
    /** A substitute value formed by the meter operator (MSCONS QTY+67). */
    SUBSTITUTED,
    /** A forecast value, not an observation of the past. */
    FORECAST,
    /** Stored, but questionable: plausibility or source status says so. */
    SUSPECT,
    /** Known to be wrong (e.g. OPC UA Bad status); kept for completeness, excluded from forecasts. */
    INVALID;

    /** Parses a quality name case-insensitively; {@code null} or blank means {@link #MEASURED}. */
    public static Quality parse(String text) {
        if (text == null || text.isBlank()) {
            return MEASURED;
        }
        try {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown quality '" + text + "', expected one of "
                    + java.util.Arrays.toString(values()));
        }
    }
}
