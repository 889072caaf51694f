package de.stadtwerk.hub.store;

/**
 * What one write did.
 *
 * @param written     observations handed to the database (new, changed or unchanged; the upsert decides)
 * @param quarantined items that went to the quarantine in the same transaction
 */
public record WriteResult(int written, int quarantined) {
}
