package de.stadtwerk.hub.publish.export.sensorthings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.stadtwerk.hub.publish.export.ExportHttp;
import de.stadtwerk.hub.publish.export.ExportRejectedException;
import de.stadtwerk.hub.publish.export.ExportTargetUnavailableException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The requests of the SensorThings API v1.1 the push needs: look an entity up by {@code properties/hubId}, create
 * one, ask for the newest observation of a datastream, and create observations with the dataArray extension
 * ({@code CreateObservations}). One attempt per call; retries are the caller's ({@code Retrier}).
 *
 * <p>Entity ids are kept in their URL form: {@code 42} for numeric ids, {@code 'abc'} for string ids.
 */
public class StaClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExportHttp http;
    private final String base;
    private final String authorization;

    /**
     * @param serviceRoot e.g. {@code http://frost:8080/FROST-Server/v1.1}
     * @param username    basic-auth user, blank for none
     */
    public StaClient(ExportHttp http, String serviceRoot, String username, String password) {
        this.http = http;
        this.base = serviceRoot.endsWith("/") ? serviceRoot.substring(0, serviceRoot.length() - 1) : serviceRoot;
        this.authorization = username == null || username.isBlank() ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
    }

    public String serviceRoot() {
        return base;
    }

    /** The id of the entity of {@code entitySet} whose {@code properties/hubId} is {@code hubId}, if there is one. */
    public Optional<String> findByHubId(String entitySet, String hubId) throws ExportTargetUnavailableException {
        String filter = "properties/hubId eq '" + hubId.replace("'", "''") + "'";
        String what = "GET " + entitySet + " with hubId " + hubId;
        ExportHttp.Response r = http.sendOk(get(base + "/" + entitySet + "?$filter=" + enc(filter)
                + "&$select=id&$top=2"), what);
        JsonNode values = read(r.body(), what).path("value");
        if (values.size() > 1) {
            throw new ExportRejectedException(409, what + ": the server holds " + values.size()
                    + " entities with this hubId; remove the duplicates on the server");
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(urlId(values.get(0).get("@iot.id")));
    }

    /** Creates an entity; returns its id (from the Location header, or the body's @iot.id). */
    public String create(String entitySet, ObjectNode body) throws ExportTargetUnavailableException {
        String what = "POST " + entitySet;
        ExportHttp.Response r = http.sendOk(post(base + "/" + entitySet, body.toString()), what);
        Optional<String> location = r.header("Location");
        if (location.isPresent()) {
            String l = location.get();
            int open = l.lastIndexOf('(');
            int close = l.lastIndexOf(')');
            if (open > 0 && close > open) {
                return l.substring(open + 1, close);
            }
        }
        JsonNode created = read(r.body(), what);
        if (created.has("@iot.id")) {
            return urlId(created.get("@iot.id"));
        }
        throw new ExportRejectedException(r.status(), what + ": the answer names no id (no Location header, no @iot.id)");
    }

    /** Start of the newest observation of a datastream on the server, if it has any. */
    public Optional<Instant> newestStart(String datastreamId) throws ExportTargetUnavailableException {
        String what = "GET Datastreams(" + datastreamId + ")/Observations newest";
        ExportHttp.Response r = http.sendOk(get(base + "/Datastreams(" + datastreamId + ")/Observations?$orderby="
                + enc("phenomenonTime desc") + "&$top=1&$select=" + enc("phenomenonTime")), what);
        JsonNode values = read(r.body(), what).path("value");
        if (values.isEmpty()) {
            return Optional.empty();
        }
        String t = values.get(0).path("phenomenonTime").asText();
        int slash = t.indexOf('/');
        return Optional.of(Instant.parse(slash > 0 ? t.substring(0, slash) : t));
    }

    /** Creates the observations of one datastream in one request (dataArray extension). */
    public void createObservations(String datastreamId, List<StaObservation> observations)
            throws ExportTargetUnavailableException {
        ArrayNode body = JSON.createArrayNode();
        ObjectNode entry = body.addObject();
        entry.putObject("Datastream").set("@iot.id", jsonId(datastreamId));
        entry.putArray("components").add("phenomenonTime").add("result").add("resultQuality");
        ArrayNode data = entry.putArray("dataArray");
        for (StaObservation o : observations) {
            data.addArray().add(o.phenomenonTime()).add(o.value()).add(o.quality());
        }
        String what = "POST CreateObservations for Datastreams(" + datastreamId + ")";
        ExportHttp.Response r = http.sendOk(post(base + "/CreateObservations", body.toString()), what);
        JsonNode answer = read(r.body(), what);
        int errors = 0;
        for (JsonNode n : answer) {
            if (n.asText().toLowerCase().startsWith("error")) {
                errors++;
            }
        }
        if (!answer.isArray() || answer.size() != observations.size() || errors > 0) {
            throw new ExportRejectedException(r.status(), what + ": the server refused " + errors + " of "
                    + observations.size() + " observations (answer " + excerpt(r.body()) + ")");
        }
    }

    /** The id as it goes into JSON: a number for numeric ids, else a string. */
    static JsonNode jsonId(String urlId) {
        if (urlId.startsWith("'") && urlId.endsWith("'") && urlId.length() >= 2) {
            return JsonNodeFactory.instance.textNode(urlId.substring(1, urlId.length() - 1).replace("''", "'"));
        }
        return JsonNodeFactory.instance.numberNode(Long.parseLong(urlId));
    }

    static String urlId(JsonNode id) {
        return id.isNumber() ? id.asText() : "'" + id.asText().replace("'", "''") + "'";
    }

    private HttpRequest get(String url) {
        HttpRequest.Builder b = http.request(URI.create(url)).GET().header("Accept", "application/json");
        return auth(b).build();
    }

    private HttpRequest post(String url, String json) {
        HttpRequest.Builder b = http.request(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json").header("Accept", "application/json");
        return auth(b).build();
    }

    private HttpRequest.Builder auth(HttpRequest.Builder b) {
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode read(String body, String what) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (Exception e) {
            throw new ExportRejectedException(502, what + ": the answer is not JSON (" + e.getMessage() + ")");
        }
    }

    /** Short form of an answer body for messages. */
    private static String excerpt(String body) {
        String b = body == null ? "" : body.replaceAll("\\s+", " ");
        return b.length() > 300 ? b.substring(0, 300) + " …" : b;
    }
}
