package de.stadtwerk.hub.store;

/**
 * What one write did.
 *
 * @param written     observations handed to the database (new, changed or unchanged; the upsert decides)
 * @param quarantined items that went to the quarantine in the same transaction
 * @param unchanged   of the written ones, those the store already held with the same value and quality (a
 *                    redelivery or re-import; nothing was written for them). Counted where the database reports
 *                    row counts: always on PostgreSQL; on H2 only repeats within the same write (H2's MERGE
 *                    reports every row as updated)
 */
public record WriteResult(int written, int quarantined, int unchanged) {

    public WriteResult(int written, int quarantined) {
        this(written, quarantined, 0);
    }
}
