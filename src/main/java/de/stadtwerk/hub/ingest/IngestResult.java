package de.stadtwerk.hub.ingest;

/**
 * What the ingest pipeline did with one message.
 *
 * @param received    observations found in the message (or 1 for a message that could not be read at all)
 * @param stored      observations committed to the store
 * @param quarantined items put into the quarantine
 */
public record IngestResult(int received, int stored, int quarantined) {
}
