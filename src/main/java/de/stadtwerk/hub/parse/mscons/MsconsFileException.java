package de.stadtwerk.hub.parse.mscons;

import de.stadtwerk.hub.quarantine.BadInputException;

/** An interchange that cannot be read as a whole (no UNB, truncated, wrong separators, UNZ mismatch). */
public class MsconsFileException extends BadInputException {

    private final long segmentNumber;

    public MsconsFileException(long segmentNumber, String message) {
        super(segmentNumber > 0 ? "MSCONS interchange, segment " + segmentNumber + ": " + message
                : "MSCONS interchange: " + message);
        this.segmentNumber = segmentNumber;
    }

    /** Position of the offending segment in the interchange (1-based), or 0 when none applies. */
    public long segmentNumber() {
        return segmentNumber;
    }
}
