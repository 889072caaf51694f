package de.stadtwerk.hub.publish.feed;

/** Message headers of the feed routes ({@code routes/publish/feeds.camel.yaml}); the route file uses them verbatim. */
public final class FeedHeaders {

    /** The feed to run (its id in config/feeds.yaml). */
    public static final String FEED_ID = "HubFeedId";
    /** Id of the delivery log entry of this run; set on a resend to run that entry again. */
    public static final String DELIVERY_ID = "HubFeedDeliveryId";
    /** Start of the period (ISO-8601 instant); with {@link #PERIOD_TO} instead of the feed's window (resend). */
    public static final String PERIOD_FROM = "HubFeedPeriodFrom";
    /** End of the period (ISO-8601 instant, exclusive). */
    public static final String PERIOD_TO = "HubFeedPeriodTo";
    /** Destination kind: FILE, SFTP or MAIL; the deliver route picks the endpoint by it. */
    public static final String DESTINATION_KIND = "HubFeedDestinationKind";
    /** The folder (FILE, absolute), the remote directory (SFTP) or the recipients (MAIL). */
    public static final String TARGET = "HubFeedTarget";
    /** Rows in the written file. */
    public static final String ROWS = "HubFeedRows";
    /** The written temporary file (deleted after the run). */
    public static final String WORK_FILE = "HubFeedWorkFile";

    private FeedHeaders() {
    }
}
