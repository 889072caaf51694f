package de.stadtwerk.hub.publish.export.ckan;

import java.io.IOException;
import java.nio.file.Path;

/** Makes the current file of a feed, for upload as a CKAN resource. */
public interface FeedFiles {

    /**
     * A feed's file.
     *
     * @param file        where it was written (the caller deletes it)
     * @param fileName    its name as the feed names it
     * @param contentType MIME type
     * @param format      CKAN format label (CSV, XLSX, JSON)
     * @param rows        rows written
     */
    record FeedFile(Path file, String fileName, String contentType, String format, long rows) {
    }

    /** Writes the feed for its window at the current time. */
    FeedFile write(String feedId) throws IOException;
}
