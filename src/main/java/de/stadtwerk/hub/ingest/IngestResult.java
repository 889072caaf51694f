package de.stadtwerk.hub.ingest;

/**
 * What the ingest pipeline did with one message.
 *
 * @param received    observations found in the message (or 1 for a message that could not be read at all)
 * @param stored      observations committed to the store
 * @param quarantined items put into the quarantine
 * @param unchanged   of the stored ones, those the store already held unchanged (see
 *                    {@link de.stadtwerk.hub.store.WriteResult#unchanged()})
 */
public record IngestResult(int received, int stored, int quarantined, int unchanged) {

    public IngestResult(int received, int stored, int quarantined) {
        this(received, stored, quarantined, 0);
    }
}
