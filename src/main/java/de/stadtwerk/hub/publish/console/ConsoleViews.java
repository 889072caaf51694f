package de.stadtwerk.hub.publish.console;

import de.stadtwerk.hub.publish.export.DeadLetter;
import de.stadtwerk.hub.publish.export.ExportDeadLetters;
import de.stadtwerk.hub.publish.feed.FeedDelivery;
import de.stadtwerk.hub.quarantine.QuarantinedItem;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's JSON documents, built as explicit field maps from the hub's records (nothing internal leaks): routes
 * with their counters, sources with their freshness, quarantine items, feed deliveries and export dead letters. Plain
 * Java, no Camel.
 */
final class ConsoleViews {

    /** Characters of a payload shown in a list; the item view shows all of it. */
    static final int PREVIEW = 200;

    /**
     * A route as the console shows it.
     *
     * @param id          route id
     * @param description its description: from the route file
     * @param source      the file it was loaded from (e.g. {@code file:routes/core/ingest.camel.yaml}), or null
     * @param state       Started, Stopped, Restarting, Exhausted …
     * @param restDsl     created by a REST DSL verb
     * @param uptimeMillis how long it has been running
     * @param error       why a supervised route could not start, or null
     */
    record RouteInfo(String id, String description, String source, String state, boolean restDsl, long uptimeMillis,
                     String error) {
    }

    private ConsoleViews() {
    }

    static Map<String, Object> route(RouteInfo info, RouteStatistics.Counter counter) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", info.id());
        m.put("description", info.description());
        m.put("source", info.source());
        m.put("state", info.state());
        m.put("restDsl", info.restDsl());
        m.put("uptimeMillis", info.uptimeMillis());
        m.put("error", info.error());
        m.put("exchangesTotal", counter.total());
        m.put("exchangesFailed", counter.failed());
        m.put("inflight", counter.inflight());
        m.put("meanMillis", counter.meanMillis() == null ? null : Math.round(counter.meanMillis() * 1000) / 1000.0);
        m.put("lastActivity", text(counter.lastActivity()));
        m.put("lastFailure", text(counter.lastFailure()));
        return m;
    }

    static Map<String, Object> freshness(Freshness f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.source().name());
        m.put("routes", f.source().routeIds());
        m.put("expectedInterval", f.source().interval().toString());
        m.put("lastReceived", text(f.lastReceived()));
        m.put("ageSeconds", f.age().toSeconds());
        m.put("status", f.status());
        m.put("alarm", f.alarm());
        m.put("text", f.text());
        return m;
    }

    static Map<String, Object> quarantined(QuarantinedItem item, boolean withPayload) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", item.id());
        m.put("receivedAt", text(item.receivedAt()));
        m.put("source", item.source());
        m.put("routeId", item.routeId());
        m.put("reason", item.reason());
        m.put("status", item.status());
        m.put("attempts", item.attempts());
        m.put("replayable", item.replayEndpoint() != null && QuarantinedItem.OPEN.equals(item.status()));
        m.put("replayEndpoint", item.replayEndpoint());
        String payload = item.payload();
        m.put("payloadLength", payload == null ? 0 : payload.length());
        if (withPayload) {
            m.put("payload", payload);
        } else {
            m.put("preview", payload == null ? null
                    : payload.length() <= PREVIEW ? payload : payload.substring(0, PREVIEW) + "…");
        }
        return m;
    }

    static Map<String, Object> delivery(FeedDelivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("feed", d.feedId());
        m.put("periodFrom", text(d.periodFrom()));
        m.put("periodTo", text(d.periodTo()));
        m.put("fileName", d.fileName());
        m.put("rows", d.rows());
        m.put("destination", d.destination());
        m.put("outcome", d.outcome());
        m.put("attempts", d.attempts());
        m.put("resends", d.resends());
        m.put("error", d.error());
        m.put("createdAt", text(d.createdAt()));
        m.put("updatedAt", text(d.updatedAt()));
        m.put("canResend", !FeedDelivery.RUNNING.equals(d.outcome()));
        return m;
    }

    /** An export dead letter without its payload (the batch itself; up to a thousand observations). */
    static Map<String, Object> deadLetter(DeadLetter d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("target", d.target());
        m.put("item", d.itemKey());
        m.put("items", d.itemCount());
        m.put("status", d.status());
        m.put("cause", d.cause());
        m.put("attempts", d.attempts());
        m.put("replays", d.replays());
        m.put("parkedAt", text(d.createdAt()));
        m.put("replayedAt", DeadLetter.REPLAYED.equals(d.status()) ? text(d.updatedAt()) : null);
        m.put("updatedAt", text(d.updatedAt()));
        m.put("canReplay", DeadLetter.PARKED.equals(d.status()));
        return m;
    }

    static Map<String, Object> replayResult(ExportDeadLetters.ReplayResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("replayed", r.replayed());
        m.put("failed", r.failed());
        m.put("waiting", r.waiting());
        m.put("errors", r.errors());
        return m;
    }

    static Map<String, Object> list(String name, List<Map<String, Object>> items) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(name, items);
        return m;
    }

    private static String text(Optional<Instant> t) {
        return t.map(Instant::toString).orElse(null);
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
