package de.stadtwerk.hub.support;

/**
 * Names of the message headers the hub's routes and beans use. Route files use these names verbatim. Inbound
 * {@code Camel*} headers are never trusted from outside; these are set by the hub's own routes.
 */
public final class HubHeaders {

    /** Lineage of the data: the system or route family it came from, e.g. {@code field-mqtt}. Stored as {@code source}. */
    public static final String SOURCE = "HubSource";

    /** Set on a replay from the quarantine: the id of the quarantined item, so that its status is updated. */
    public static final String QUARANTINE_ID = "HubQuarantineId";

    /** Where a replay of a quarantined message should be sent (a {@code direct:} endpoint); defaults to the route's own. */
    public static final String REPLAY_ENDPOINT = "HubReplayEndpoint";

    private HubHeaders() {
    }
}
