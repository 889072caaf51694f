package de.stadtwerk.hub.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.quarantine.Rejection;
import de.stadtwerk.hub.store.BulkWrite;
import de.stadtwerk.hub.store.ObservationStore;
import de.stadtwerk.hub.store.WriteResult;
import de.stadtwerk.hub.support.HubHeaders;
import de.stadtwerk.hub.transform.CounterCheck;
import de.stadtwerk.hub.transform.ObservationNormaliser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The shared ingest pipeline behind {@code direct:ingest}: every source ends here.
 *
 * <p>Takes canonical observations as Java objects ({@link Observation}, a collection of them) or in their JSON
 * form (an object or an array; text, bytes, a stream, a parsed map or tree), so that a route written in YAML alone
 * can feed it. Each item is validated, enriched and checked for plausibility; the good ones are stored in
 * batches, the bad ones go to the quarantine with their original JSON and the reason — both in one
 * transaction. A message that is not JSON at all goes to the quarantine whole. A store failure is thrown
 * ({@code StoreUnavailableException}) so that the route redelivers and the source does not acknowledge.
 *
 * <p>Before the write, the accepted readings of counter series go through the {@link CounterCheck} (a decrease is
 * stored INVALID, a roll-over SUSPECT); flagged values are reported by the {@link FlagReporter} after the commit.
 */
public class IngestPipeline {

    /** Where replays of quarantined ingest items go. */
    public static final String ENDPOINT = "direct:ingest";

    private final ObservationNormaliser normaliser;
    private final ObservationStore store;
    private final Clock clock;
    private final CounterCheck counterCheck;
    private final FlagReporter flags;

    /** A pipeline without counter cache, whose flags are only logged. */
    public IngestPipeline(ObservationNormaliser normaliser, ObservationStore store, Clock clock) {
        this(normaliser, store, clock, new CounterCheck(0), FlagReporter.logOnly(clock));
    }

    public IngestPipeline(ObservationNormaliser normaliser, ObservationStore store, Clock clock, CounterCheck counterCheck,
                          FlagReporter flags) {
        this.normaliser = normaliser;
        this.store = store;
        this.clock = clock;
        this.counterCheck = counterCheck;
        this.flags = flags;
    }

    /** Camel entry: body as above, lineage from the {@code HubSource} header (else the route id). */
    public IngestResult ingest(Exchange exchange) {
        Message in = exchange.getMessage();
        String routeId = exchange.getFromRouteId();
        String source = in.getHeader(HubHeaders.SOURCE, String.class);
        Long replayOf = in.getHeader(HubHeaders.QUARANTINE_ID, Long.class);
        Object body = in.getBody();
        if (body instanceof InputStream || body instanceof org.apache.camel.StreamCache) {
            body = in.getBody(byte[].class);
        }
        IngestResult result = ingest(body, source != null ? source : routeId, routeId, replayOf);
        in.setBody(result);
        return result;
    }

    /**
     * Ingests one message.
     *
     * @param body     observations as objects or JSON
     * @param source   lineage for observations that carry none
     * @param routeId  the route that handed it in (for the quarantine)
     * @param replayOf the quarantine id when this is a replay, else null
     */
    public IngestResult ingest(Object body, String source, String routeId, Long replayOf) {
        Instant now = clock.instant();
        List<Observation> accepted = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        List<CounterCheck.Flag> flagged = new ArrayList<>();
        int received = collect(body, source, routeId, now, accepted, rejections, flagged);
        CounterCheck.Result checked = counterCheck.check(accepted, store::counterReadings, true);
        WriteResult w = write(checked, flagged, () -> store.write(checked.observations(), rejections, replayOf,
                o -> new Rejection(ObservationJson.toJson(o), null, source, routeId, ENDPOINT)));
        return new IngestResult(received, w.written(), w.quarantined(), w.unchanged());
    }

    /**
     * Ingests a batch of observations into an open {@link BulkWrite} (uncommitted until the caller commits it):
     * validated, enriched and checked like {@link #ingest(Object, String, String, Long)}, the refused ones go to
     * the quarantine in the same transaction.
     */
    public IngestResult ingestInto(BulkWrite bulk, List<Observation> observations, String source, String routeId) {
        Instant now = clock.instant();
        List<Observation> accepted = new ArrayList<>(observations.size());
        List<Rejection> rejections = new ArrayList<>();
        List<CounterCheck.Flag> flagged = new ArrayList<>();
        for (Observation o : observations) {
            accept(o, null, source, routeId, now, accepted, rejections, flagged);
        }
        // inside the uncommitted transaction: its own earlier batches count, the cache does not
        CounterCheck.Result checked = counterCheck.check(accepted, bulk::counterReadings, false);
        // reported before the commit: a rolled-back file is reported again when it is imported again
        WriteResult w = write(checked, flagged, () -> bulk.write(checked.observations(), rejections));
        return new IngestResult(observations.size(), w.written(), w.quarantined());
    }

    /** A bulk write on the pipeline's store: many batches, one transaction (see {@link BulkWrite}). */
    public BulkWrite beginBulk() {
        return store.beginBulk();
    }

    /** Whether the store is PostgreSQL, where one long transaction per file writer is cheap. */
    public boolean storeIsPostgres() {
        return store != null && store.dialect() == de.stadtwerk.hub.store.SqlDialect.POSTGRESQL;
    }

    /**
     * Ingests observations a source has already mapped, with its own rejections, in one transaction: the entry
     * for batched sources that keep their original messages (MQTT). {@code originals.get(i)} is what goes to the
     * quarantine (payload, source, route, replay endpoint; the reason is filled in) when observation {@code i}
     * fails validation, plausibility or the database.
     *
     * @param observations mapped observations (unit as received)
     * @param originals    per observation, the rejection to use for it (same size)
     * @param rejected     messages the source could not map, with reason
     */
    public IngestResult ingestMapped(List<Observation> observations, List<Rejection> originals, List<Rejection> rejected) {
        return ingestMapped(observations, originals, rejected, null);
    }

    /** As {@link #ingestMapped(List, List, List)}, for a replay of quarantine item {@code replayOf} (or null). */
    public IngestResult ingestMapped(List<Observation> observations, List<Rejection> originals, List<Rejection> rejected,
                                     Long replayOf) {
        if (observations.size() != originals.size()) {
            throw new IllegalArgumentException("one original per observation expected");
        }
        Instant now = clock.instant();
        List<Observation> accepted = new ArrayList<>(observations.size());
        List<Rejection> rejections = new ArrayList<>(rejected);
        List<CounterCheck.Flag> flagged = new ArrayList<>();
        // the originals are only read when needed (a source may build them lazily: most observations never need one)
        java.util.Map<Observation, Integer> indexOf = new java.util.IdentityHashMap<>(observations.size() * 2);
        for (int i = 0; i < observations.size(); i++) {
            Observation o = observations.get(i);
            String source = o.source() != null ? o.source() : originals.get(i).source();
            ObservationNormaliser.Outcome outcome = normaliser.normalise(o, source, now);
            if (outcome.accepted()) {
                accepted.add(outcome.observation());
                indexOf.put(outcome.observation(), i);
                rangeFlag(outcome, flagged);
            } else {
                Rejection original = originals.get(i);
                rejections.add(new Rejection(original.payload(), outcome.rejection(), original.source(),
                        original.routeId(), original.replayEndpoint()));
            }
        }
        CounterCheck.Result checked = counterCheck.check(accepted, store::counterReadings, true);
        for (int i = 0; i < accepted.size(); i++) {
            if (checked.observations().get(i) != accepted.get(i)) {
                indexOf.put(checked.observations().get(i), indexOf.get(accepted.get(i)));
            }
        }
        WriteResult w = write(checked, flagged, () -> store.write(checked.observations(), rejections, replayOf, o -> {
            Integer i = indexOf.get(o);
            return i != null ? originals.get(i) : new Rejection(ObservationJson.toJson(o), null, o.source(), null, ENDPOINT);
        }));
        return new IngestResult(observations.size() + rejected.size(), w.written(), w.quarantined(), w.unchanged());
    }

    /** Runs the write of a checked batch, ends the batch in the counter check and reports the flags once written. */
    private WriteResult write(CounterCheck.Result checked, List<CounterCheck.Flag> flagged,
                              java.util.function.Supplier<WriteResult> write) {
        boolean written = false;
        try {
            WriteResult w = write.get();
            written = true;
            flagged.addAll(checked.flags());
            flags.report(flagged);
            return w;
        } finally {
            counterCheck.finished(checked, written);
        }
    }

    private static void rangeFlag(ObservationNormaliser.Outcome outcome, List<CounterCheck.Flag> flagged) {
        if (outcome.flag() != null) {
            Observation o = outcome.observation();
            flagged.add(new CounterCheck.Flag(o.seriesId(), o.start(), FlagReporter.SITE_RANGE, o.quality(), outcome.flag()));
        }
    }

    private int collect(Object body, String source, String routeId, Instant now, List<Observation> accepted,
                        List<Rejection> rejections, List<CounterCheck.Flag> flagged) {
        if (body instanceof Observation o) {
            accept(o, null, source, routeId, now, accepted, rejections, flagged);
            return 1;
        }
        if (body instanceof Collection<?> items && (items.isEmpty() || items.iterator().next() instanceof Observation)) {
            int i = 0;
            for (Object item : items) {
                if (item instanceof Observation o) {
                    accept(o, null, source, routeId, now, accepted, rejections, flagged);
                } else {
                    rejections.add(new Rejection(String.valueOf(item), "item " + i + " is a "
                            + (item == null ? "null" : item.getClass().getSimpleName()) + ", not an observation",
                            source, routeId, null));
                }
                i++;
            }
            return items.size();
        }
        JsonNode tree;
        try {
            tree = toTree(body);
        } catch (IOException | IllegalArgumentException e) {
            rejections.add(new Rejection(asText(body), "message is not JSON observation(s): " + firstLine(e.getMessage()),
                    source, routeId, ENDPOINT));
            return 1;
        }
        if (tree.isArray()) {
            for (int i = 0; i < tree.size(); i++) {
                readItem(tree.get(i), "item " + i + ": ", source, routeId, now, accepted, rejections, flagged);
            }
            return tree.size();
        }
        readItem(tree, "", source, routeId, now, accepted, rejections, flagged);
        return 1;
    }

    private void readItem(JsonNode node, String where, String source, String routeId, Instant now,
                          List<Observation> accepted, List<Rejection> rejections, List<CounterCheck.Flag> flagged) {
        Observation o;
        try {
            o = ObservationJson.fromNode(node);
        } catch (IllegalArgumentException e) {
            rejections.add(new Rejection(node.toString(), where + e.getMessage(), source, routeId, ENDPOINT));
            return;
        }
        accept(o, node, source, routeId, now, accepted, rejections, flagged);
    }

    private void accept(Observation o, JsonNode original, String source, String routeId, Instant now,
                        List<Observation> accepted, List<Rejection> rejections, List<CounterCheck.Flag> flagged) {
        ObservationNormaliser.Outcome outcome = normaliser.normalise(o, source, now);
        if (outcome.accepted()) {
            accepted.add(outcome.observation());
            rangeFlag(outcome, flagged);
        } else {
            String payload = original != null ? original.toString() : ObservationJson.toJson(o);
            rejections.add(new Rejection(payload, outcome.rejection(), source, routeId, ENDPOINT));
        }
    }

    private static JsonNode toTree(Object body) throws IOException {
        if (body == null) {
            throw new IllegalArgumentException("the message has no body");
        }
        if (body instanceof JsonNode n) {
            return n;
        }
        if (body instanceof String s) {
            return ObservationJson.MAPPER.readTree(s);
        }
        if (body instanceof byte[] b) {
            return ObservationJson.MAPPER.readTree(b);
        }
        if (body instanceof InputStream is) {
            return ObservationJson.MAPPER.readTree(is);
        }
        if (body instanceof Map<?, ?> || body instanceof Collection<?>) {
            return ObservationJson.MAPPER.valueToTree(body);
        }
        throw new IllegalArgumentException("cannot read a " + body.getClass().getName() + " as observations");
    }

    private static String asText(Object body) {
        if (body instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (body instanceof Map<?, ?> || body instanceof Collection<?>) {
            try {
                return ObservationJson.MAPPER.writeValueAsString(body);
            } catch (JsonProcessingException e) {
                return String.valueOf(body);
            }
        }
        return String.valueOf(body);
    }

    private static String firstLine(String s) {
        return s == null ? "unreadable" : s.lines().findFirst().orElse(s);
    }
}
