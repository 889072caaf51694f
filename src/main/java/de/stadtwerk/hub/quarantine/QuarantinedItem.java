package de.stadtwerk.hub.quarantine;

import java.time.Instant;

/**
 * One item in the quarantine: input the hub could not use, with the reason, kept until it is replayed or
 * discarded.
 *
 * @param id             database id
 * @param receivedAt     when it was quarantined (first time)
 * @param source         lineage: system or route family it came from
 * @param routeId        the route that rejected it
 * @param reason         what is wrong, and where
 * @param payload        the original content, as text
 * @param replayEndpoint where a replay sends the payload (e.g. {@code direct:ingest})
 * @param status         OPEN, REPLAYED or DISCARDED
 * @param attempts       how often it was rejected (1 + failed replays)
 */
public record QuarantinedItem(long id, Instant receivedAt, String source, String routeId, String reason,
                              String payload, String replayEndpoint, String status, int attempts) {

    public static final String OPEN = "OPEN";
    public static final String REPLAYED = "REPLAYED";
    public static final String DISCARDED = "DISCARDED";
}
