package de.stadtwerk.hub.opendata;

/**
 * An open-data portal did not answer usefully after the retries: connection refused, timeouts, 5xx, or a
 * {@code Retry-After} longer than the hub is willing to wait. Counted by the circuit breaker; not bad input.
 */
public class PortalUnavailableException extends RuntimeException {
    public PortalUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
