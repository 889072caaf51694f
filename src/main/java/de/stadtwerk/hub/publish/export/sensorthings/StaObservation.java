package de.stadtwerk.hub.publish.export.sensorthings;

import java.time.Instant;

/** One stored value as it goes to a SensorThings Observation (phenomenonTime start[/end], result, resultQuality). */
public record StaObservation(Instant start, Instant end, double value, String quality) {

    /** ISO 8601 instant, or interval {@code start/end}. */
    public String phenomenonTime() {
        return start.equals(end) ? start.toString() : start + "/" + end;
    }
}
