package de.stadtwerk.hub.parse.mscons;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Settings of {@link MsconsParser}.
 *
 * @param localZone        zone of DTM formats without offset (102, 203, 204); Europe/Berlin
 * @param expectedInterval the regular length of DTM 163/164 intervals; others are kept and flagged SUSPECT;
 *                         null switches the check off
 * @param source           lineage written into each observation, e.g. the route id
 * @param receivedAt       receive time written into each observation; null leaves it to the ingest pipeline
 */
public record MsconsOptions(ZoneId localZone, Duration expectedInterval, String source, Instant receivedAt) {

    public static final String DEFAULT_SOURCE = "mscons";

    public MsconsOptions {
        localZone = localZone == null ? ZoneId.of("Europe/Berlin") : localZone;
        source = source == null ? DEFAULT_SOURCE : source;
    }

    /** Europe/Berlin, 15-minute intervals, source {@code mscons}, no receive time. */
    public static MsconsOptions defaults() {
        return new MsconsOptions(null, Duration.ofMinutes(15), null, null);
    }

    public MsconsOptions withSource(String newSource, Instant newReceivedAt) {
        return new MsconsOptions(localZone, expectedInterval, newSource, newReceivedAt);
    }

    public MsconsOptions withExpectedInterval(Duration interval) {
        return new MsconsOptions(localZone, interval, source, receivedAt);
    }
}
