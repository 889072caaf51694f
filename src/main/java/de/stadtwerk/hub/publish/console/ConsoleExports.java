package de.stadtwerk.hub.publish.console;

import de.stadtwerk.hub.publish.api.ApiProblem;
import de.stadtwerk.hub.publish.export.DeadLetter;
import de.stadtwerk.hub.publish.export.ExportDeadLetters;
import de.stadtwerk.hub.publish.export.ExportFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's "Export dead letters" operations on the bean {@code exportDeadLetters} (batches CKAN or SensorThings
 * did not take): list the newest entries, send one again, send all again. The bean is looked up when first needed,
 * since {@code ExportBeans} is configured after {@code ConsoleBeans}; without it (exports not configured) the list is
 * empty and a replay is 404.
 */
final class ConsoleExports {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleExports.class);

    private final Supplier<ExportDeadLetters> lookup;
    private volatile ExportDeadLetters deadLetters;

    ConsoleExports(Supplier<ExportDeadLetters> lookup) {
        this.lookup = lookup;
    }

    private ExportDeadLetters deadLetters() {
        ExportDeadLetters d = deadLetters;
        if (d == null) {
            d = lookup.get();
            deadLetters = d;
        }
        return d;
    }

    /** The newest entries (parked, replayed, superseded), at most {@code limit}, and how many are parked in all. */
    Map<String, Object> list(int limit) {
        ExportDeadLetters d = deadLetters();
        List<Map<String, Object>> items = new ArrayList<>();
        if (d != null) {
            d.recent(limit).forEach(letter -> items.add(ConsoleViews.deadLetter(letter)));
        }
        Map<String, Object> doc = ConsoleViews.list("items", items);
        doc.put("parked", d == null ? 0 : d.parkedCount());
        return doc;
    }

    /**
     * Sends one parked entry again. 404 for an unknown id; 409 when it is not PARKED, when an older entry of the same
     * item is still parked, or when the target cannot take it for a reason a retry does not change. A target that
     * still does not take it is not an error of the request: 200 with the entry, still PARKED, with the new cause.
     */
    Map<String, Object> replay(long id) {
        ExportDeadLetters d = deadLetters();
        DeadLetter before = (d == null ? java.util.Optional.<DeadLetter>empty() : d.get(id))
                .orElseThrow(() -> ApiProblem.notFound("there is no export dead letter " + id));
        if (!DeadLetter.PARKED.equals(before.status())) {
            throw new ApiProblem(409, "Conflict", "export dead letter " + id + " is " + before.status()
                    + "; only PARKED entries are sent again");
        }
        DeadLetter after;
        try {
            after = d.replay(id);
        } catch (ExportFailedException e) {
            after = d.get(id).orElseThrow();
        } catch (IllegalStateException | IllegalArgumentException | NoSuchElementException e) {
            throw new ApiProblem(409, "Conflict", e.getMessage());
        }
        LOG.info("Console: export dead letter {} ({} {}) sent again: now {}", id, before.target(), before.itemKey(),
                after.status());
        return ConsoleViews.deadLetter(after);
    }

    /** Sends every parked entry again, oldest first ({@link ExportDeadLetters#replayAll()}). */
    Map<String, Object> replayAll() {
        ExportDeadLetters d = deadLetters();
        if (d == null) {
            return ConsoleViews.replayResult(new ExportDeadLetters.ReplayResult(0, 0, 0, List.of()));
        }
        ExportDeadLetters.ReplayResult r;
        try {
            r = d.replayAll();
        } catch (IllegalStateException e) {
            throw new ApiProblem(409, "Conflict", e.getMessage());
        }
        LOG.info("Console: export dead letters sent again: {} replayed, {} failed, {} waiting", r.replayed(),
                r.failed(), r.waiting());
        return ConsoleViews.replayResult(r);
    }
}
