package de.stadtwerk.hub.publish.energiewetter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.stadtwerk.hub.forecast.EnergiewetterIssue;
import de.stadtwerk.hub.forecast.EnergiewetterService;
import de.stadtwerk.hub.forecast.StandardLoadModel;
import de.stadtwerk.hub.ingest.ObservationJson;
import de.stadtwerk.hub.store.StoreUnavailableException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Serves the Energiewetter over HTTP (called by the {@code platform-http} routes after they removed every inbound
 * header but the query) and builds the MQTT clock message. Query parameters: {@code hours} 1..72 (API only, default
 * 72), {@code area} one of the known area ids (default the whole area). Errors are {@code application/problem+json}:
 * 400 for a bad parameter, 503 when there is no weather forecast or the store cannot be read.
 */
public final class EnergiewetterPublication {

    static final int MAX_HOURS = 72;
    private static final ZoneId ZONE = StandardLoadModel.BERLIN;

    private final EnergiewetterService service;
    private final Clock clock;

    public EnergiewetterPublication(EnergiewetterService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    /** {@code GET /api/v1/energiewetter?hours=72&area=…&resolution=1h|15min}. */
    public void api(Exchange exchange) {
        Message in = exchange.getMessage();
        Map<String, String> query = query(in.getHeader(Exchange.HTTP_QUERY, String.class));
        in.removeHeaders("*");
        Integer hours = hours(query.get("hours"));
        if (hours == null) {
            problem(in, 400, "Bad Request", "query parameter hours must be a whole number 1.." + MAX_HOURS + ", got '"
                    + query.get("hours") + "'");
            return;
        }
        EnergiewetterIssue issue;
        try {
            issue = service.current();
        } catch (StoreUnavailableException e) {
            problem(in, 503, "Service Unavailable", "the store cannot be read: " + e.getMessage());
            return;
        }
        String area = area(issue, query.get("area"));
        if (area == null) {
            problem(in, 400, "Bad Request", "unknown area '" + query.get("area") + "'; known areas: "
                    + issue.areas().stream().map(a -> a.id()).toList());
            return;
        }
        if (!issue.hasSignal()) {
            problem(in, 503, "Service Unavailable", "no weather forecast for " + issue.weather().asset()
                    + " covers " + issue.from() + " .. " + issue.to() + " yet; the signal is issued as soon as one arrives");
            in.setHeader("Retry-After", "300");
            return;
        }
        String resolution = query.getOrDefault("resolution", "1h");
        if (!resolution.equals("1h") && !resolution.equals("15min")) {
            problem(in, 400, "Bad Request", "query parameter resolution must be 1h or 15min, got '"
                    + abbreviate(resolution) + "'");
            return;
        }
        ok(in, EnergiewetterJson.render(issue, area, hours, ZONE,
                resolution.equals("15min") ? service.quarterHours(issue, area) : null), "application/json");
    }

    /** {@code GET /energiewetter[?area=…]}: the public page. */
    public void page(Exchange exchange) {
        Message in = exchange.getMessage();
        Map<String, String> query = query(in.getHeader(Exchange.HTTP_QUERY, String.class));
        in.removeHeaders("*");
        EnergiewetterIssue issue = currentOrNull();
        String area = issue == null ? null : area(issue, query.get("area"));
        if (issue != null && area == null) {
            problem(in, 400, "Bad Request", "unknown area '" + query.get("area") + "'; known areas: "
                    + issue.areas().stream().map(a -> a.id()).toList());
            return;
        }
        ok(in, EnergiewetterPage.render(issue, area, clock.instant(), ZONE), "text/html");
    }

    /** {@code GET /energiewetter.svg[?area=…]}: the clock face alone. */
    public void svg(Exchange exchange) {
        Message in = exchange.getMessage();
        Map<String, String> query = query(in.getHeader(Exchange.HTTP_QUERY, String.class));
        in.removeHeaders("*");
        EnergiewetterIssue issue = currentOrNull();
        String area = issue == null ? null : area(issue, query.get("area"));
        if (issue != null && area == null) {
            problem(in, 400, "Bad Request", "unknown area '" + query.get("area") + "'");
            return;
        }
        ok(in, ClockFace.svg(issue == null ? null : issue.signals().get(area), clock.instant(), ZONE, true),
                "image/svg+xml");
    }

    /** A 200 answer that caches and proxies may keep for five minutes (the signal changes at most every quarter). */
    private static void ok(Message in, String body, String mediaType) {
        in.setBody(body);
        in.setHeader(Exchange.CONTENT_TYPE, mediaType + "; charset=utf-8");
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        in.setHeader("Cache-Control", "public, max-age=300");
    }

    /** The MQTT clock message of an issue for the whole area (see {@link ClockMessage}); null when it has no signal. */
    public String clockMessage(EnergiewetterIssue issue) {
        if (issue == null || !issue.hasSignal()) {
            return null;
        }
        return ClockMessage.of(issue.signals().get(service.options().areaId()), issue.issuedAt(), issue.from(),
                service.options().horizonHours(), ZONE);
    }

    private EnergiewetterIssue currentOrNull() {
        try {
            return service.current();
        } catch (StoreUnavailableException e) {
            return null;
        }
    }

    /** The area id asked for (default: the whole area), or null when unknown. */
    static String area(EnergiewetterIssue issue, String requested) {
        if (requested == null || requested.isBlank()) {
            return issue.areas().get(0).id();
        }
        String id = requested.trim().toLowerCase(java.util.Locale.ROOT);
        return issue.area(id) == null ? null : id;
    }

    /** A parameter value fit for an error message: at most 40 characters, nothing but letters, digits and a few marks. */
    private static String abbreviate(String s) {
        String t = s.length() <= 40 ? s : s.substring(0, 37) + "…";
        return t.replaceAll("[^\\p{L}\\p{N} ._:+-]", "?");
    }

    /** 1..72, default 72; null when invalid. */
    static Integer hours(String text) {
        if (text == null || text.isBlank()) {
            return MAX_HOURS;
        }
        try {
            int h = Integer.parseInt(text.trim());
            return h >= 1 && h <= MAX_HOURS ? h : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The first value of each parameter of a raw query string. */
    static Map<String, String> query(String raw) {
        Map<String, String> result = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            result.putIfAbsent(k, v);
        }
        return result;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    static void problem(Message in, int status, String title, String detail) {
        ObjectNode p = ObservationJson.MAPPER.createObjectNode();
        p.put("type", "about:blank");
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        try {
            in.setBody(ObservationJson.MAPPER.writeValueAsString(p));
        } catch (JsonProcessingException e) {
            in.setBody("{\"status\":" + status + "}");
        }
        in.setHeader(Exchange.CONTENT_TYPE, "application/problem+json");
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
    }
}
