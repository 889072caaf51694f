package de.stadtwerk.hub.store;

/**
 * The store cannot be reached or refused the work for a reason that may pass (connection lost, database shut
 * down, serialisation conflict). Routes redeliver with back-off on this exception; nothing was committed.
 */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
