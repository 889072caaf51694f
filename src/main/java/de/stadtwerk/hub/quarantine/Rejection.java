package de.stadtwerk.hub.quarantine;

/**
 * Something to put into the quarantine: the original content and why it was rejected.
 *
 * @param payload        the original content (the whole message, or the one item of a list that failed)
 * @param reason         what is wrong, and where
 * @param source         lineage (system or route family)
 * @param routeId        the route that rejected it
 * @param replayEndpoint where a replay sends the payload
 */
public record Rejection(String payload, String reason, String source, String routeId, String replayEndpoint) {
}
