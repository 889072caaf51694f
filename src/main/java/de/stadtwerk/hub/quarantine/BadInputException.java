package de.stadtwerk.hub.quarantine;

/**
 * Input that cannot be used as it is: a broken file, payload, field or value. Never retried; the shared error
 * handling ({@code routes/error-handling.camel.yaml}) puts the original message into the quarantine with this
 * exception's message as the reason. The message says what is wrong and where (file, line, segment, field).
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
