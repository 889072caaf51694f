package de.stadtwerk.hub.publish.export;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's view of the parked export batches (bean {@code exportDeadLetters}): list them and send them again.
 * A replay sends through the same client as a normal run; entries of one item (series, dataset) go in the order
 * they were parked, and once one of them fails the later ones of that item wait, so a series stays in order.
 */
public class ExportDeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(ExportDeadLetters.class);

    /** What a replay did. */
    public record ReplayResult(int replayed, int failed, int waiting, List<String> errors) {
    }

    private final DeadLetterStore store;
    private final Map<String, DeadLetterReplayer> replayers;

    public ExportDeadLetters(DeadLetterStore store, List<DeadLetterReplayer> replayers) {
        this.store = store;
        this.replayers = replayers.stream().collect(Collectors.toMap(DeadLetterReplayer::target, Function.identity()));
    }

    /** Parked entries of every target, oldest first. */
    public List<DeadLetter> parked() {
        return store.parked(null);
    }

    /** How many entries are parked, all targets (without reading their payloads). */
    public int parkedCount() {
        return store.countParked();
    }

    /** One entry, whatever its status. */
    public Optional<DeadLetter> get(long id) {
        return store.get(id);
    }

    /** The newest entries, parked or replayed. */
    public List<DeadLetter> recent(int limit) {
        return store.recent(limit);
    }

    /**
     * Sends one parked entry again. Refused when an older entry of the same item is still parked (order).
     *
     * @return the entry afterwards (REPLAYED, or PARKED with the new cause)
     */
    public DeadLetter replay(long id) {
        DeadLetter d = store.get(id).orElseThrow(() -> new NoSuchElementException("no export dead letter " + id));
        if (!DeadLetter.PARKED.equals(d.status())) {
            throw new IllegalStateException("dead letter " + id + " is " + d.status() + ", not PARKED");
        }
        store.parked(d.target()).stream().filter(o -> o.itemKey().equals(d.itemKey()) && o.id() < id).findFirst()
                .ifPresent(o -> {
                    throw new IllegalStateException("dead letter " + id + " of " + d.target() + " " + d.itemKey()
                            + " waits for the older entry " + o.id() + ": replay that first (order per item)");
                });
        send(d);
        return store.get(id).orElseThrow();
    }

    /** Sends every parked entry again, oldest first; an item whose entry fails keeps its later entries parked. */
    public ReplayResult replayAll() {
        int ok = 0;
        int failed = 0;
        int waiting = 0;
        List<String> errors = new ArrayList<>();
        Set<String> blocked = new HashSet<>();
        Set<String> downTargets = new HashSet<>();
        for (DeadLetter d : store.parked(null)) {
            String key = d.target() + "/" + d.itemKey();
            if (blocked.contains(key) || downTargets.contains(d.target())) {
                waiting++;
                continue;
            }
            try {
                send(d);
            } catch (ExportFailedException e) {
                failed++;
                errors.add(d.id() + ": " + e.describe());
                blocked.add(key);
                if (!e.rejected() || e.authentication()) {
                    downTargets.add(d.target());
                }
                continue;
            }
            ok++;
        }
        LOG.info("Export dead letters replayed: {} sent, {} failed again, {} waiting", ok, failed, waiting);
        return new ReplayResult(ok, failed, waiting, errors);
    }

    private void send(DeadLetter d) {
        DeadLetterReplayer replayer = replayers.get(d.target());
        if (replayer == null) {
            throw new IllegalStateException("no replayer for export target " + d.target()
                    + " (is it enabled?); dead letter " + d.id() + " stays parked");
        }
        try {
            replayer.replay(d);
        } catch (ExportFailedException e) {
            store.replayFailed(d.id(), e.describe(), e.attempts());
            LOG.warn("Replay of export dead letter {} ({} {}) failed: {}", d.id(), d.target(), d.itemKey(), e.describe());
            throw e;
        }
        store.replayed(d.id());
        LOG.info("Export dead letter {} ({} {}, {} item(s)) sent again", d.id(), d.target(), d.itemKey(), d.itemCount());
    }
}
