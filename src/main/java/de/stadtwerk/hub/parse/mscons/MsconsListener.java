package de.stadtwerk.hub.parse.mscons;

import de.stadtwerk.hub.model.Observation;

/**
 * Receives what {@link MsconsParser} reads, as it reads it (streaming, bounded memory).
 *
 * <p>Observations arrive as soon as their value group is complete, before the message's UNT has been
 * checked. When a message later fails, {@link #messageFailed} says how many of its observations were already
 * delivered; a caller that wants messages all-or-nothing discards them (e.g. rolls back a per-message
 * transaction) or uses the buffering {@code parse(Reader, Consumer)} variant of the parser.
 */
public interface MsconsListener {

    /** One canonical observation of message {@code messageRef}. */
    void observation(String messageRef, Observation observation);

    /** The message ended with a correct UNT; {@code observations} were delivered for it. */
    default void messageEnded(String messageRef, int observations) {
    }

    /** The message is broken; {@code delivered} observations of it were already passed to {@link #observation}. */
    default void messageFailed(MessageError error, int delivered) {
    }
}
