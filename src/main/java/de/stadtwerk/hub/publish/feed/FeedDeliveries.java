package de.stadtwerk.hub.publish.feed;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;

/**
 * The delivery log for people (the console will use it): recent and failed deliveries, and "send again" — a
 * resend runs the feed once more for the same period, through the same route, and updates the entry.
 */
public class FeedDeliveries {

    /** The endpoint that runs a feed (routes/publish/feeds.camel.yaml). */
    public static final String RUN_ENDPOINT = "direct:feed-run";
    /** A delivery RUNNING for longer than this was interrupted (the hub stopped) and may be sent again. */
    static final java.time.Duration STALE_RUNNING = java.time.Duration.ofHours(1);

    private final FeedDeliveryLog log;
    private final FeedCatalogue catalogue;
    private final ProducerTemplate producer;

    public FeedDeliveries(FeedDeliveryLog log, FeedCatalogue catalogue, ProducerTemplate producer) {
        this.log = log;
        this.catalogue = catalogue;
        this.producer = producer;
    }

    public List<FeedDelivery> recent(int limit) {
        return log.recent(limit);
    }

    public List<FeedDelivery> failed(int limit) {
        return log.failed(limit);
    }

    public List<FeedDelivery> ofFeed(String feedId, int limit) {
        return log.ofFeed(feedId, limit);
    }

    public FeedDelivery get(long id) {
        return log.find(id).orElseThrow(() -> new IllegalArgumentException("no feed delivery with id " + id));
    }

    /**
     * Sends the delivery again, for its period; returns the entry afterwards (DELIVERED or FAILED). A delivery still
     * RUNNING is refused unless it has not moved for an hour (the hub was stopped during the run).
     */
    public FeedDelivery resend(long id) {
        FeedDelivery d = get(id);
        if (FeedDelivery.RUNNING.equals(d.outcome())
                && d.updatedAt().isAfter(java.time.Instant.now().minus(STALE_RUNNING))) {
            throw new IllegalStateException("feed delivery " + id + " is running");
        }
        catalogue.get(d.feedId());
        Map<String, Object> headers = new HashMap<>();
        headers.put(FeedHeaders.FEED_ID, d.feedId());
        headers.put(FeedHeaders.DELIVERY_ID, d.id());
        headers.put(FeedHeaders.PERIOD_FROM, d.periodFrom().toString());
        headers.put(FeedHeaders.PERIOD_TO, d.periodTo().toString());
        producer.sendBodyAndHeaders(RUN_ENDPOINT, null, headers);
        return get(id);
    }

    /** Runs a feed now, for its window at the current time (also for feeds without a schedule). */
    public FeedDelivery runNow(String feedId) {
        catalogue.get(feedId);
        var exchange = producer.send(RUN_ENDPOINT, e -> e.getMessage().setHeader(FeedHeaders.FEED_ID, feedId));
        Long id = exchange.getMessage().getHeader(FeedHeaders.DELIVERY_ID, Long.class);
        if (id == null) {
            throw new IllegalStateException("feed " + feedId + " did not start", exchange.getException());
        }
        return get(id);
    }
}
