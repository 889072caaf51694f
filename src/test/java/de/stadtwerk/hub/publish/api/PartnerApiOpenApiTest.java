package de.stadtwerk.hub.publish.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document says what the API does: its operations (method, path, operationId) and parameters (name,
 * where, required) are those of the REST DSL in routes/publish/partner-api.camel.yaml, and the query parameters are
 * the ones the handler accepts ({@link ApiOperation}; others are refused with 400).
 */
class PartnerApiOpenApiTest {

    private static final Path ROUTE_FILE = Path.of("routes/publish/partner-api.camel.yaml");

    /** "GET /api/v1/series/{id}" → "partner-api-series-one" and its parameters "id:path:required" … */
    record Op(String routeId, List<String> params) {
    }

    static Map<String, Op> fromRestDsl() throws Exception {
        JsonNode file = new ObjectMapper(new YAMLFactory()).readTree(ROUTE_FILE.toFile());
        Map<String, Op> ops = new TreeMap<>();
        for (JsonNode item : file) {
            JsonNode rest = item.get("rest");
            if (rest == null) {
                continue;
            }
            String base = rest.path("path").asText();
            for (String verb : List.of("get", "post", "put", "delete", "patch", "head")) {
                for (JsonNode op : rest.path(verb)) {
                    List<String> params = new ArrayList<>();
                    for (JsonNode p : op.path("param")) {
                        params.add(p.path("name").asText() + ":" + p.path("type").asText() + ":"
                                + p.path("required").asBoolean(true));
                    }
                    ops.put(verb.toUpperCase(Locale.ROOT) + " " + base + op.path("path").asText(),
                            new Op(op.path("routeId").asText(), params.stream().sorted().toList()));
                    assertThat(op.path("to").path("uri").asText()).isEqualTo("direct:partner-api");
                }
            }
        }
        return ops;
    }

    static Map<String, Op> fromOpenApi() throws Exception {
        JsonNode doc;
        try (InputStream in = PartnerApiOpenApiTest.class.getClassLoader().getResourceAsStream(ApiDocs.RESOURCE)) {
            doc = new ObjectMapper().readTree(in);
        }
        String base = doc.path("servers").get(0).path("url").asText();
        Map<String, Op> ops = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> verbs = path.getValue().fields(); verbs.hasNext(); ) {
                Map.Entry<String, JsonNode> verb = verbs.next();
                List<String> params = new ArrayList<>();
                for (JsonNode p : verb.getValue().path("parameters")) {
                    params.add(p.path("name").asText() + ":" + p.path("in").asText() + ":" + p.path("required").asBoolean(false));
                }
                ops.put(verb.getKey().toUpperCase(Locale.ROOT) + " " + base + path.getKey(),
                        new Op(verb.getValue().path("operationId").asText(), params.stream().sorted().toList()));
            }
        }
        return ops;
    }

    static Map<String, Op> fromHandler() {
        Map<String, Op> ops = new TreeMap<>();
        for (ApiOperation o : ApiOperation.values()) {
            List<String> params = new ArrayList<>(o.queryParams().stream().map(p -> p + ":query").toList());
            if (o.path().contains("{id}")) {
                params.add("id:path");
            }
            ops.put(o.method() + " " + ApiOperation.BASE_PATH + o.path(), new Op(o.routeId(), params.stream().sorted().toList()));
        }
        return ops;
    }

    @Test
    void theOpenApiDocumentHasExactlyTheOperationsAndParametersOfTheRestDsl() throws Exception {
        Map<String, Op> rest = fromRestDsl();
        Map<String, Op> openApi = fromOpenApi();
        assertThat(rest).hasSize(ApiOperation.values().length);
        assertThat(openApi.keySet()).isEqualTo(rest.keySet());
        for (String key : rest.keySet()) {
            assertThat(openApi.get(key)).as(key).isEqualTo(rest.get(key));
        }
    }

    @Test
    void theHandlerAcceptsExactlyTheDocumentedParameters() throws Exception {
        Map<String, Op> rest = fromRestDsl();
        Map<String, Op> handler = fromHandler();
        assertThat(handler.keySet()).isEqualTo(rest.keySet());
        for (String key : rest.keySet()) {
            assertThat(handler.get(key).routeId()).as(key).isEqualTo(rest.get(key).routeId());
            assertThat(handler.get(key).params()).as(key).isEqualTo(
                    rest.get(key).params().stream().map(p -> p.substring(0, p.lastIndexOf(':'))).sorted().toList());
        }
    }

    @Test
    void requiredFlagsSayWhatTheApiRequires() throws Exception {
        Map<String, Op> rest = fromRestDsl();
        assertThat(rest.get("GET /api/v1/series/{id}/observations").params())
                .contains("from:query:true", "to:query:true", "id:path:true", "resolution:query:false");
        assertThat(new TreeSet<>(rest.keySet())).contains("POST /api/v1/admin/keys", "DELETE /api/v1/admin/keys/{id}");
    }
}
