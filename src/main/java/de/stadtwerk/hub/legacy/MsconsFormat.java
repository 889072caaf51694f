package de.stadtwerk.hub.legacy;

import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.parse.mscons.MessageError;
import de.stadtwerk.hub.parse.mscons.MsconsOptions;
import de.stadtwerk.hub.parse.mscons.MsconsParser;
import de.stadtwerk.hub.parse.mscons.MsconsSummary;
import de.stadtwerk.hub.quarantine.Rejection;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * MSCONS interchanges: each message is held until its UNT is checked; a broken message becomes a rejection
 * (message reference, segment number, segment text and reason) and the other messages are used.
 */
public final class MsconsFormat implements FileFormat {

    private final MsconsParser parser;

    public MsconsFormat(MsconsOptions options) {
        this.parser = new MsconsParser(options);
    }

    @Override
    public String dropName() {
        return "mscons";
    }

    @Override
    public List<Rejection> read(InputStream in, String fileName, Consumer<Observation> sink) {
        MsconsSummary summary = parser.parse(in, sink);
        return summary.errors().stream().map(e -> toRejection(summary.interchangeRef(), e)).toList();
    }

    private static Rejection toRejection(String interchange, MessageError e) {
        String payload = "interchange " + interchange + ", message " + e.messageRef() + ", segment " + e.segmentNumber()
                + " (interchange segment " + e.fileSegmentNumber() + "): " + e.segment();
        return new Rejection(payload, "MSCONS " + e.describe() + "; the message was skipped, the others were stored",
                null, null, null);
    }
}
