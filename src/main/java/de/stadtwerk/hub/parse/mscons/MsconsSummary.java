package de.stadtwerk.hub.parse.mscons;

import java.util.List;

/**
 * What one interchange held.
 *
 * @param interchangeRef the interchange control reference (UNB element 5)
 * @param messages       number of messages (UNH … UNT) read
 * @param observations   observations of good messages
 * @param errors         one entry per rejected message
 */
public record MsconsSummary(String interchangeRef, int messages, long observations, List<MessageError> errors) {

    public MsconsSummary {
        errors = List.copyOf(errors);
    }
}
