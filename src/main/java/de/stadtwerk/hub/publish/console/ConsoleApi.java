package de.stadtwerk.hub.publish.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.stadtwerk.hub.publish.api.Access;
import de.stadtwerk.hub.publish.api.ApiProblem;
import de.stadtwerk.hub.publish.api.Caller;
import de.stadtwerk.hub.publish.feed.FeedDeliveries;
import de.stadtwerk.hub.publish.feed.FeedDelivery;
import de.stadtwerk.hub.quarantine.QuarantineReplayer;
import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.quarantine.QuarantinedItem;
import de.stadtwerk.hub.store.StoreUnavailableException;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.spi.SupervisingRouteController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean behind {@code routes/publish/console.camel.yaml} (bean {@code consoleApi}): every REST verb of the console
 * sends its exchange to {@code direct:console}, whose route calls {@link #handle}. The page, its script and its
 * style sheet are served to anyone (they hold no data); every {@code /console/api/…} operation needs the admin key
 * in {@code Authorization: Bearer …}: no key, a wrong key and a partner's key all get 401. Errors are
 * {@code application/problem+json}; the response replaces every header, so no request header is echoed.
 */
public class ConsoleApi {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> STATIC = Map.of(
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8");
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final CamelContext context;
    private final Access access;
    private final RouteStatistics statistics;
    private final ConsoleSettings settings;
    private final QuarantineStore quarantine;
    private final QuarantineReplayer replayer;
    private final FeedDeliveries feeds;
    private final ConsoleExports exports;
    private final Clock clock;
    private final Map<String, byte[]> resources = new ConcurrentHashMap<>();

    ConsoleApi(CamelContext context, Access access, RouteStatistics statistics, ConsoleSettings settings,
               QuarantineStore quarantine, QuarantineReplayer replayer, FeedDeliveries feeds, ConsoleExports exports,
               Clock clock) {
        this.context = context;
        this.access = access;
        this.statistics = statistics;
        this.settings = settings;
        this.quarantine = quarantine;
        this.replayer = replayer;
        this.feeds = feeds;
        this.exports = exports;
        this.clock = clock;
    }

    /** A response before it goes on the wire. */
    record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        static Response json(int status, Object document) {
            try {
                return new Response(status, "application/json", JSON.writeValueAsBytes(document), new LinkedHashMap<>());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write JSON", e);
            }
        }

        static Response problem(ApiProblem p, String instance) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("type", "about:blank");
            doc.put("title", p.title());
            doc.put("status", p.status());
            doc.put("detail", p.detail());
            if (instance != null) {
                doc.put("instance", instance);
            }
            Response r = json(p.status(), doc);
            r.headers().putAll(p.headers());
            return new Response(r.status(), "application/problem+json", r.body(), r.headers());
        }
    }

    /** Answers one console request; the exchange's message becomes the response. */
    public void handle(Exchange exchange) {
        Message message = exchange.getMessage();
        HttpMessage http = exchange.getIn(HttpMessage.class);
        HttpServerRequest request = http == null ? null : http.getRequest();
        String path = request == null ? null : request.path();
        Response response;
        try {
            if (request == null) {
                throw new IllegalStateException("console called without an HTTP request (route " + exchange.getFromRouteId() + ")");
            }
            ConsoleOperation op = ConsoleOperation.ofRouteId(exchange.getFromRouteId()).orElseThrow(() ->
                    new IllegalStateException("no console operation for route " + exchange.getFromRouteId()));
            ConsoleRequest r = new ConsoleRequest(op, path, request.query());
            if (op.needsAdmin()) {
                String client = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
                requireAdmin(access.authenticate(request.getHeader("Authorization"), client));
            }
            response = dispatch(r);
        } catch (ApiProblem p) {
            response = Response.problem(p, path);
        } catch (StoreUnavailableException e) {
            LOG.warn("Console {}: the store is unavailable: {}", path, e.getMessage());
            response = Response.problem(new ApiProblem(503, "Service unavailable",
                    "the data store is not available at the moment; try again later").header("Retry-After", "10"), path);
        } catch (RuntimeException e) {
            LOG.error("Console {} failed", path, e);
            response = Response.problem(new ApiProblem(500, "Internal server error",
                    "the request could not be answered; the error is logged on the hub"), path);
        }
        write(message, http == null ? null : http.getResponse(), response);
    }

    static void requireAdmin(Caller caller) {
        if (caller.anonymous()) {
            throw ApiProblem.unauthorized("the console needs the admin key in Authorization: Bearer <key>");
        }
        if (!caller.admin()) {
            throw ApiProblem.unauthorized("the console needs the admin key; this key is not one");
        }
    }

    Response dispatch(ConsoleRequest r) {
        return switch (r.operation()) {
            case PAGE -> resource("index.html", "text/html; charset=utf-8");
            case STATIC -> {
                String file = r.pathParam();
                String type = file == null ? null : STATIC.get(file);
                if (type == null) {
                    throw ApiProblem.notFound("the console has no file '" + ApiProblem.echo(file) + "'");
                }
                yield resource(file, type);
            }
            case ROUTES -> Response.json(200, routes());
            case SOURCES -> Response.json(200, sources());
            case QUARANTINE -> Response.json(200, quarantineList(r));
            case QUARANTINE_ITEM -> Response.json(200, ConsoleViews.quarantined(item(r.id("quarantined item")), true));
            case REPLAY -> Response.json(200, replay(r.id("quarantined item")));
            case REPLAY_ALL -> Response.json(200, replayAll(r));
            case DISCARD -> Response.json(200, discard(r.id("quarantined item")));
            case FEEDS -> Response.json(200, deliveries(r));
            case RESEND -> Response.json(200, resend(r.id("feed delivery")));
            case EXPORTS -> Response.json(200, exports.list(r.limit(settings.listLimit)));
            case EXPORT_REPLAY -> Response.json(200, exports.replay(r.id("export dead letter")));
            case EXPORT_REPLAY_ALL -> Response.json(200, exports.replayAll());
        };
    }

    // ---- routes and sources

    Map<String, Object> routes() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (ConsoleViews.RouteInfo info : routeInfos()) {
            items.add(ConsoleViews.route(info, statistics.of(info.id())));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("countingSince", statistics.since().toString());
        doc.put("routes", items);
        return doc;
    }

    List<ConsoleViews.RouteInfo> routeInfos() {
        SupervisingRouteController supervising = context.getRouteController().isSupervising()
                ? context.getRouteController().supervising() : null;
        List<ConsoleViews.RouteInfo> infos = new ArrayList<>();
        List<Route> all = new ArrayList<>(context.getRoutes());
        all.sort(java.util.Comparator.comparing(Route::getId));
        for (Route route : all) {
            String id = route.getId();
            ServiceStatus status = context.getRouteController().getRouteStatus(id);
            String state = status == null ? "Unknown" : status.name();
            String error = null;
            if (supervising != null) {
                if (supervising.getExhaustedRoutes().stream().anyMatch(x -> x.getId().equals(id))) {
                    state = "Exhausted";
                } else if (supervising.getRestartingRoutes().stream().anyMatch(x -> x.getId().equals(id))) {
                    state = "Restarting";
                }
                Throwable t = supervising.getRestartException(id);
                error = t == null ? null : t.getMessage();
            }
            String source = route.getSourceResource() == null ? null : route.getSourceResource().getLocation();
            infos.add(new ConsoleViews.RouteInfo(id, route.getDescription(), source, state, route.isCreatedByRestDsl(),
                    route.getUptimeMillis(), error));
        }
        return infos;
    }

    Map<String, Object> sources() {
        Instant now = clock.instant();
        List<Map<String, Object>> items = new ArrayList<>();
        int alarms = 0;
        for (ConsoleSource source : settings.sources) {
            Optional<Instant> last = Optional.empty();
            List<String> missing = new ArrayList<>();
            for (String routeId : source.routeIds()) {
                if (context.getRoute(routeId) == null) {
                    missing.add(routeId);
                    continue;
                }
                Optional<Instant> t = statistics.of(routeId).lastSuccess();
                if (t.isPresent() && (last.isEmpty() || t.get().isAfter(last.get()))) {
                    last = t;
                }
            }
            Freshness f = Freshness.judge(source, last, missing, statistics.since(), now);
            alarms += f.alarm() ? 1 : 0;
            items.add(ConsoleViews.freshness(f));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("now", now.toString());
        doc.put("alarms", alarms);
        doc.put("sources", items);
        return doc;
    }

    // ---- quarantine

    private Map<String, Object> quarantineList(ConsoleRequest r) {
        String status = status(r.param("status"));
        List<Map<String, Object>> items = new ArrayList<>();
        for (QuarantinedItem item : quarantine.search(status, r.param("source"), r.param("reason"), r.param("text"),
                r.limit(settings.listLimit))) {
            items.add(ConsoleViews.quarantined(item, false));
        }
        Map<String, Object> doc = ConsoleViews.list("items", items);
        doc.put("open", quarantine.count(QuarantinedItem.OPEN));
        return doc;
    }

    private static String status(String s) {
        if (s == null) {
            return QuarantinedItem.OPEN;
        }
        String upper = s.toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "ALL" -> null;
            case QuarantinedItem.OPEN, QuarantinedItem.REPLAYED, QuarantinedItem.DISCARDED -> upper;
            default -> throw ApiProblem.badRequest("status must be OPEN, REPLAYED, DISCARDED or ALL, was '"
                    + ApiProblem.echo(s) + "'");
        };
    }

    private QuarantinedItem item(long id) {
        return quarantine.get(id).orElseThrow(() -> ApiProblem.notFound("there is no quarantined item " + id));
    }

    private Map<String, Object> replay(long id) {
        QuarantinedItem item = item(id);
        if (!QuarantinedItem.OPEN.equals(item.status())) {
            throw new ApiProblem(409, "Conflict", "quarantined item " + id + " is " + item.status()
                    + "; only OPEN items are replayed");
        }
        QuarantinedItem after;
        try {
            after = replayer.replay(id);
        } catch (NoSuchElementException e) {
            throw ApiProblem.notFound("there is no quarantined item " + id);
        } catch (IllegalStateException e) {
            throw new ApiProblem(409, "Conflict", e.getMessage());
        }
        LOG.info("Console: replayed quarantined item {} ({}): now {}", id, item.source(), after.status());
        return ConsoleViews.quarantined(after, false);
    }

    private Map<String, Object> replayAll(ConsoleRequest r) {
        int replayed = 0;
        int stillOpen = 0;
        int skipped = 0;
        for (QuarantinedItem item : quarantine.search(QuarantinedItem.OPEN, r.param("source"), r.param("reason"),
                r.param("text"), settings.replayAllLimit)) {
            if (item.replayEndpoint() == null) {
                skipped++;
                continue;
            }
            try {
                QuarantinedItem after = replayer.replay(item.id());
                if (QuarantinedItem.OPEN.equals(after.status())) {
                    stillOpen++;
                } else {
                    replayed++;
                }
            } catch (NoSuchElementException | IllegalStateException e) {
                skipped++;
            }
        }
        LOG.info("Console: replay all: {} replayed, {} still open, {} skipped", replayed, stillOpen, skipped);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("replayed", replayed);
        doc.put("stillOpen", stillOpen);
        doc.put("skipped", skipped);
        return doc;
    }

    private Map<String, Object> discard(long id) {
        QuarantinedItem item = item(id);
        if (!QuarantinedItem.OPEN.equals(item.status())) {
            throw new ApiProblem(409, "Conflict", "quarantined item " + id + " is " + item.status()
                    + "; only OPEN items are discarded");
        }
        if (!replayer.discard(id)) {
            throw ApiProblem.notFound("there is no quarantined item " + id);
        }
        LOG.info("Console: discarded quarantined item {} ({})", id, item.source());
        return ConsoleViews.quarantined(item(id), false);
    }

    // ---- feed deliveries

    private Map<String, Object> deliveries(ConsoleRequest r) {
        int limit = r.limit(settings.listLimit);
        String outcome = r.param("outcome");
        String feed = r.param("feed");
        if (outcome != null && !List.of(FeedDelivery.FAILED, FeedDelivery.DELIVERED, FeedDelivery.RUNNING, "ALL")
                .contains(outcome.toUpperCase(Locale.ROOT))) {
            throw ApiProblem.badRequest("outcome must be FAILED, DELIVERED, RUNNING or ALL, was '"
                    + ApiProblem.echo(outcome) + "'");
        }
        List<Map<String, Object>> items = new ArrayList<>();
        if (feeds != null) {
            List<FeedDelivery> list = feed != null ? feeds.ofFeed(feed, limit)
                    : FeedDelivery.FAILED.equalsIgnoreCase(String.valueOf(outcome)) ? feeds.failed(limit) : feeds.recent(limit);
            for (FeedDelivery d : list) {
                if (outcome == null || outcome.equalsIgnoreCase("ALL") || outcome.equalsIgnoreCase(d.outcome())) {
                    items.add(ConsoleViews.delivery(d));
                }
            }
        }
        return ConsoleViews.list("items", items);
    }

    private Map<String, Object> resend(long id) {
        if (feeds == null) {
            throw ApiProblem.notFound("there is no feed delivery " + id + " (feeds are not configured)");
        }
        FeedDelivery before;
        try {
            before = feeds.get(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("there is no feed delivery " + id);
        }
        FeedDelivery after;
        try {
            after = feeds.resend(id);
        } catch (IllegalStateException e) {
            throw new ApiProblem(409, "Conflict", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(409, "Conflict", "feed delivery " + id + " cannot be sent again: " + e.getMessage());
        }
        LOG.info("Console: sent feed delivery {} ({}, {}) again: {}", id, before.feedId(), before.periodFrom(),
                after.outcome());
        return ConsoleViews.delivery(after);
    }

    // ---- page and files

    private Response resource(String name, String type) {
        byte[] body = resources.computeIfAbsent(name, n -> {
            try (InputStream in = ConsoleApi.class.getResourceAsStream("/console/" + n)) {
                if (in == null) {
                    throw new IllegalStateException("console resource /console/" + n + " is missing from the jar");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Response r = new Response(200, type, body, new LinkedHashMap<>());
        r.headers().put("Cache-Control", "no-cache");
        return r;
    }

    private static void write(Message message, io.vertx.core.http.HttpServerResponse http, Response response) {
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, response.status());
        message.setHeader(Exchange.CONTENT_TYPE, response.contentType());
        String cacheControl = response.headers().getOrDefault("Cache-Control", "no-store");
        response.headers().remove("Cache-Control");
        response.headers().forEach(message::setHeader);
        if (http != null && !http.headWritten()) {
            // Camel's HTTP header filter drops Cache-Control from the message, so it goes on the response itself
            http.putHeader("Cache-Control", cacheControl);
        }
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setHeader("X-Frame-Options", "DENY");
        message.setHeader("Referrer-Policy", "no-referrer");
        message.setHeader("Content-Security-Policy", CSP);
        message.setBody(response.body());
    }
}
