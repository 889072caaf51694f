package de.stadtwerk.hub.quarantine;

import de.stadtwerk.hub.support.HubHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Replays quarantined items: sends the original payload to the item's replay endpoint with
 * {@code HubQuarantineId} set. The pipeline marks the item REPLAYED when it is stored, or records the new
 * reason when it is rejected again. Items can also be discarded.
 */
public class QuarantineReplayer {

    private final QuarantineStore store;
    private final ProducerTemplate producer;

    public QuarantineReplayer(QuarantineStore store, ProducerTemplate producer) {
        this.store = store;
        this.producer = producer;
    }

    /** Replays one item and returns it as it is afterwards. */
    public QuarantinedItem replay(long id) {
        QuarantinedItem item = store.get(id).orElseThrow(() -> new NoSuchElementException("no quarantined item " + id));
        if (!QuarantinedItem.OPEN.equals(item.status())) {
            throw new IllegalStateException("quarantined item " + id + " is " + item.status() + ", not OPEN");
        }
        if (item.replayEndpoint() == null) {
            throw new IllegalStateException("quarantined item " + id + " from route " + item.routeId()
                    + " has no replay endpoint; fix the source and send it again");
        }
        Exchange result = producer.send(item.replayEndpoint(), ex -> {
            ex.getMessage().setBody(item.payload());
            ex.getMessage().setHeader(HubHeaders.QUARANTINE_ID, id);
            if (item.source() != null) {
                ex.getMessage().setHeader(HubHeaders.SOURCE, item.source());
            }
        });
        QuarantinedItem after = store.get(id).orElseThrow();
        if (result.getException() != null) {
            if (after.attempts() == item.attempts()) {
                store.recordFailedReplay(id, "replay failed: " + result.getException().getMessage());
            }
        } else if (QuarantinedItem.OPEN.equals(after.status()) && after.attempts() == item.attempts()) {
            store.setStatus(id, QuarantinedItem.REPLAYED);
        }
        return store.get(id).orElseThrow();
    }

    /** Replays every OPEN item (up to {@code limit}); returns the items afterwards. */
    public List<QuarantinedItem> replayAll(int limit) {
        List<QuarantinedItem> results = new ArrayList<>();
        for (QuarantinedItem item : store.list(QuarantinedItem.OPEN, limit)) {
            if (item.replayEndpoint() != null) {
                results.add(replay(item.id()));
            }
        }
        return results;
    }

    /** Discards an item: it stays in the table for the record but is no longer OPEN. */
    public boolean discard(long id) {
        return store.setStatus(id, QuarantinedItem.DISCARDED);
    }
}
