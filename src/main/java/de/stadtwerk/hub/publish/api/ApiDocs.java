package de.stadtwerk.hub.publish.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The OpenAPI document ({@code api/openapi.json} on the classpath) and a readable HTML page made from it, both
 * built once.
 */
final class ApiDocs {

    static final String RESOURCE = "api/openapi.json";

    private final byte[] openApi;
    private final byte[] page;

    ApiDocs() {
        try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            openApi = in.readAllBytes();
            page = ApiResponse.utf8(html(new ObjectMapper().readTree(openApi)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ApiResponse openApi() {
        return new ApiResponse(200, Output.JSON, openApi).header("Cache-Control", "public, max-age=300");
    }

    ApiResponse page() {
        return new ApiResponse(200, "text/html; charset=utf-8", page).header("Cache-Control", "public, max-age=300")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    }

    static String html(JsonNode doc) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(doc.path("info").path("title").asText())).append("</title><style>body{font-family:sans-serif;"
                        + "max-width:60em;margin:2em auto;line-height:1.4}code{background:#eee;padding:0 .2em}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}"
                        + "h2{margin-top:2em}</style></head><body>");
        b.append("<h1>").append(esc(doc.path("info").path("title").asText())).append(" ")
                .append(esc(doc.path("info").path("version").asText())).append("</h1>");
        b.append("<p>").append(esc(doc.path("info").path("description").asText())).append("</p>");
        b.append("<p>Machine-readable: <a href=\"openapi.json\">openapi.json</a> (OpenAPI 3).</p>");
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                JsonNode o = op.getValue();
                b.append("<h2><code>").append(op.getKey().toUpperCase()).append(" /api/v1").append(esc(path.getKey()))
                        .append("</code></h2><p>").append(esc(o.path("summary").asText())).append("</p>");
                if (o.has("description")) {
                    b.append("<p>").append(esc(o.path("description").asText())).append("</p>");
                }
                if (o.path("parameters").size() > 0) {
                    b.append("<table><tr><th>parameter</th><th>in</th><th>required</th><th>description</th></tr>");
                    for (JsonNode p : o.path("parameters")) {
                        JsonNode param = p.has("$ref") ? resolve(doc, p.get("$ref").asText()) : p;
                        b.append("<tr><td><code>").append(esc(param.path("name").asText())).append("</code></td><td>")
                                .append(esc(param.path("in").asText())).append("</td><td>")
                                .append(param.path("required").asBoolean() ? "yes" : "no").append("</td><td>")
                                .append(esc(param.path("description").asText())).append("</td></tr>");
                    }
                    b.append("</table>");
                }
            }
        }
        return b.append("</body></html>").toString();
    }

    static JsonNode resolve(JsonNode doc, String ref) {
        JsonNode n = doc;
        for (String part : ref.substring(2).split("/")) {
            n = n.path(part);
        }
        return n;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
