package de.stadtwerk.hub.legacy;

/** Headers of the legacy file routes; the route files use these names verbatim. */
public final class LegacyHeaders {

    /**
     * Where the file consumer moves the file after the exchange completed, relative to the drop folder:
     * {@code done/<name>} or {@code error/<name>} (with the profile folder in front for CSV). Set by the import bean;
     * used by the route's {@code move} option. A failed exchange (store outage) leaves the file in the inbox.
     */
    public static final String FILE_TARGET = "HubFileTarget";

    /**
     * For a file read from an SFTP drop that was rejected: where its reason file goes on the server, relative to the
     * file's own folder ({@code error/<name>.reason.txt}). Unset otherwise. The route uploads {@link #REASON_TEXT} there.
     */
    public static final String REASON_FILE = "HubReasonFile";

    /** The text of the reason file of a rejected SFTP file (see {@link #REASON_FILE}). */
    public static final String REASON_TEXT = "HubReasonText";

    private LegacyHeaders() {
    }
}
