package de.stadtwerk.hub.publish.feed;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a feed file as a stream: the header, then row after row, then {@link #finish()}. Nothing of the rows is
 * kept in memory beyond a small buffer, so a file may hold tens of millions of rows.
 */
public interface FeedWriter {

    void begin(FeedHeader header) throws IOException;

    void row(FeedRow row) throws IOException;

    /** Completes the file and flushes it; does not close the stream. */
    void finish() throws IOException;

    /** A writer of the format onto the stream. */
    static FeedWriter create(FeedFormat format, OutputStream out) {
        return switch (format) {
            case CSV_DE -> new CsvDeFeedWriter(out);
            case XLSX -> new XlsxFeedWriter(out);
            case JSON -> new JsonFeedWriter(out);
        };
    }
}
