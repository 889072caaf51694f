package de.stadtwerk.hub.opendata;

/**
 * A source URL (or a redirect to one) that the {@link SourceUrlGuard} refuses: not on the host allow-list,
 * link-local, or one of the hub's own ports. Nothing was fetched. A configuration problem, not bad input; it extends
 * {@link PortalUnavailableException} so that the open-data routes treat it like an unreachable portal (circuit
 * breaker, last good data kept) instead of retrying it.
 */
public class SourceUrlRefusedException extends PortalUnavailableException {
    public SourceUrlRefusedException(String message) {
        super(message, null);
    }
}
