package de.stadtwerk.hub.legacy;

/**
 * What happened to one dropped file.
 *
 * @param file        the file name (relative to its drop)
 * @param outcome     imported, skipped as a duplicate, or rejected
 * @param contentHash SHA-256 of the content (hex)
 * @param values      observations read from the file (0 when rejected)
 * @param stored      observations committed to the store
 * @param quarantined items put into the quarantine: broken messages and values the pipeline refused
 * @param reason      why the file was rejected, or for a duplicate which earlier import it repeats; else null
 */
public record FileImportResult(String file, Outcome outcome, String contentHash, long values, long stored,
                               long quarantined, String reason) {

    /** Where a file goes afterwards: {@code done/} for IMPORTED and DUPLICATE, {@code error/} for REJECTED. */
    public enum Outcome { IMPORTED, DUPLICATE, REJECTED }

    public boolean rejected() {
        return outcome == Outcome.REJECTED;
    }

    @Override
    public String toString() {
        return file + ": " + outcome + (outcome == Outcome.IMPORTED ? " (" + values + " values, " + stored + " stored, "
                + quarantined + " quarantined)" : "") + (reason != null ? " - " + reason : "");
    }
}
