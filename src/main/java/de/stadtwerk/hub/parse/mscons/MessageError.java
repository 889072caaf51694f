package de.stadtwerk.hub.parse.mscons;

/**
 * Why one MSCONS message was rejected; the other messages of the interchange are still used.
 *
 * @param messageRef        the message reference from UNH (element 1)
 * @param segmentNumber     position of the offending segment in the message, UNH = 1 (as UNT counts)
 * @param fileSegmentNumber position of the offending segment in the interchange, 1-based
 * @param segment           the segment text (shortened)
 * @param reason            what is wrong
 */
public record MessageError(String messageRef, int segmentNumber, long fileSegmentNumber, String segment, String reason) {

    /** One line for logs and the quarantine. */
    public String describe() {
        return "message " + messageRef + ", segment " + segmentNumber + " (interchange segment " + fileSegmentNumber
                + ") '" + segment + "': " + reason;
    }
}
