package de.stadtwerk.hub.publish.export.ckan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.stadtwerk.hub.publish.export.ExportHttp;
import de.stadtwerk.hub.publish.export.ExportRejectedException;
import de.stadtwerk.hub.publish.export.ExportTargetUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The CKAN action API calls of the export: {@code package_show}, {@code package_create}, {@code package_patch},
 * {@code resource_create} and {@code resource_update} (multipart upload). The API token goes into the
 * {@code Authorization} header, as CKAN 2.9+ expects, and into no message. One attempt per call.
 */
public class CkanClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExportHttp http;
    private final String api;
    private final String token;

    public CkanClient(ExportHttp http, String portalUrl, String token) {
        this.http = http;
        String base = portalUrl.endsWith("/") ? portalUrl.substring(0, portalUrl.length() - 1) : portalUrl;
        this.api = base + "/api/3/action/";
        this.token = token == null ? "" : token.trim();
    }

    /** The dataset, or empty when the portal has none of that name. */
    public Optional<JsonNode> packageShow(String name) throws ExportTargetUnavailableException {
        String what = "CKAN package_show " + name;
        HttpRequest r = authorized(http.request(URI.create(api + "package_show?id="
                + URLEncoder.encode(name, StandardCharsets.UTF_8))).GET()).build();
        ExportHttp.Response response = http.send(r, what);
        if (response.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(result(response, what));
    }

    public JsonNode packageCreate(ObjectNode dataset) throws ExportTargetUnavailableException {
        return postJson("package_create", dataset, "CKAN package_create " + dataset.path("name").asText());
    }

    /** Changes the given fields of an existing dataset (the others, e.g. its resources, stay). */
    public JsonNode packagePatch(ObjectNode fields) throws ExportTargetUnavailableException {
        return postJson("package_patch", fields, "CKAN package_patch " + fields.path("id").asText());
    }

    /**
     * Uploads a file as a new resource ({@code resource_create}, fields with {@code package_id}) or as the new
     * content of an existing one ({@code resource_update}, fields with {@code id}).
     */
    public JsonNode uploadResource(boolean update, Map<String, String> fields, Path file, String fileName,
                                   String contentType) throws ExportTargetUnavailableException {
        String action = update ? "resource_update" : "resource_create";
        String what = "CKAN " + action + " " + fileName;
        String boundary = "----StadtwerkHub" + UUID.randomUUID().toString().replace("-", "");
        StringBuilder head = new StringBuilder();
        fields.forEach((k, v) -> head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(k).append("\"\r\n")
                .append("Content-Type: text/plain; charset=UTF-8\r\n\r\n").append(v).append("\r\n"));
        head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"upload\"; filename=\"")
                .append(fileName.replace("\"", "_").replace("\r", "_").replace("\n", "_")).append("\"\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n\r\n");
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofString(head.toString(), StandardCharsets.UTF_8),
                    HttpRequest.BodyPublishers.ofFile(file),
                    HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n", StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(what + ": the feed file " + file + " is gone: " + e.getMessage(), e);
        }
        HttpRequest r = authorized(http.request(URI.create(api + action))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(body)).build();
        return result(http.send(r, what), what);
    }

    private JsonNode postJson(String action, ObjectNode body, String what) throws ExportTargetUnavailableException {
        HttpRequest r = authorized(http.request(URI.create(api + action)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))).build();
        return result(http.send(r, what), what);
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder b) {
        if (!token.isEmpty()) {
            b.header("Authorization", token);
        }
        return b.header("Accept", "application/json");
    }

    /** The {@code result} of a CKAN answer; {@code success: false} or a non-2xx answer is a refusal. */
    private static JsonNode result(ExportHttp.Response response, String what) {
        JsonNode root;
        try {
            root = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ExportRejectedException(response.status(), what + ": HTTP " + response.status()
                    + ", the answer is not CKAN JSON");
        }
        if (!response.ok() || !root.path("success").asBoolean(false)) {
            throw new ExportRejectedException(response.ok() ? 400 : response.status(), what + ": HTTP "
                    + response.status() + " " + root.path("error"));
        }
        return root.path("result");
    }
}
