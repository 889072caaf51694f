package de.stadtwerk.hub.legacy;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean of {@code routes/legacy/db-poll.camel.yaml}: runs one poll of the configured legacy database, or does
 * nothing when {@code hub.legacy.db.url} is blank (the embedded default), so the route starts everywhere.
 */
public class LegacyDbPolling {

    private static final Logger LOG = LoggerFactory.getLogger(LegacyDbPolling.class);

    private final DbPoller poller;
    private boolean toldDisabled;

    /** @param poller the poller, or null when no legacy database is configured */
    public LegacyDbPolling(DbPoller poller) {
        this.poller = poller;
    }

    public boolean enabled() {
        return poller != null;
    }

    /** One poll; the body becomes the {@link DbPoller.PollResult} (null when polling is off). */
    public DbPoller.PollResult poll(Exchange exchange) {
        if (poller == null) {
            if (!toldDisabled) {
                LOG.info("Legacy database polling is off ({} is blank)", LegacySettings.DB_URL);
                toldDisabled = true;
            }
            exchange.getMessage().setBody(null);
            return null;
        }
        DbPoller.PollResult r = poller.poll(exchange.getFromRouteId());
        exchange.getMessage().setBody(r);
        return r;
    }
}
