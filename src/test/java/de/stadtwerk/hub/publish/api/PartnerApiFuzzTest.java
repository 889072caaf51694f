package de.stadtwerk.hub.publish.api;

import static de.stadtwerk.hub.publish.api.ApiClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import de.stadtwerk.hub.model.Observation;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * B8: a generated fuzz set (fixed seed, about 700 requests) against every documented read operation and the admin
 * write: hostile values for every parameter and path id (from &gt; to, 100-year ranges, unknown ids, SQL
 * meta-characters, NUL and control characters, unicode including right-to-left overrides and emoji, format strings,
 * CRLF, path traversal, 10,000-character strings, numbers that overflow) and hostile JSON bodies. Pass: never a 5xx;
 * every 4xx is problem+json (except Vert.x's own empty 414/431 for a request line over 4,096 bytes); no body contains
 * SQL, a stack trace or an exception name beyond the caller's own input quoted back. The status counts are printed
 * for docs/reliability.md.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "camel.server.port={{partner-api-fuzz-test.port}}", "camel.server.host=127.0.0.1",
            "camel.management.port={{partner-api-fuzz-test.management-port}}",
            "hub.db.url=jdbc:h2:mem:partner-api-fuzz-test;DB_CLOSE_DELAY=-1",
            "hub.data.dir=target/partner-api-fuzz-test",
            "hub.api.partners-file=src/test/resources/api/partners.yaml",
            "hub.api.rate-limit.per-minute=1000000", "hub.api.rate-limit.burst=1000000",
            "hub.api.rate-limit.anonymous-per-minute=1000000",
            "hub.demo.enabled=false", "hub.embedded.mqtt.port=0", "hub.embedded.mqtt.persistence=in-memory",
            "hub.embedded.opcua.port=0", "hub.opcua.enabled=false", "hub.opendata.run-at-start=false"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerApiFuzzTest {

    static final int PORT = ApiClient.freePort();
    static final int MANAGEMENT_PORT = ApiClient.freePort();

    static {
        System.setProperty("partner-api-fuzz-test.port", Integer.toString(PORT));
        System.setProperty("partner-api-fuzz-test.management-port", Integer.toString(MANAGEMENT_PORT));
    }

    @BeanInject
    CamelContext context;

    final ApiClient api = new ApiClient(PORT);

    static final List<String> HOSTILE = List.of(
            "", " ", "x", "-1", "0", "99999999999999999999", "1e309", "NaN", "-Infinity", "null", "true", "[]", "{}",
            "' OR '1'='1", "1; DROP TABLE observation; --", "\" OR \"\"=\"", "') UNION SELECT * FROM api_key --",
            "%", "_", "\\", "\\'", "%00", "\u0000", "\u0007\u001b[31m", "\r\nX-Injected: 1", "%s%n%x", "${jndi:ldap://x}",
            "{{hub.db.password}}", "../../../etc/passwd", "..%2F..%2Fetc", "zähler", "\u202Egnp.exe", "😀🔥",
            "e\u0301\u0301\u0301", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "2026-02-30", "2026-11-21T25:00", "1950-01-01", "2126-01-01",
            "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "P100Y", "yesterday", "Europe/Mars",
            "GMT+99", "1d", "1ms", "median", "csv", "xml", "a".repeat(10_000));

    static final List<String> IDS = List.of("pv-rathaus.active_power", "pump-1.volume_flow", "does-not-exist",
            "pv-rathaus", "weather", "..", ".", "%2e%2e%2f", "x'--", "a".repeat(2000), "%F0%9F%98%80", "%C0%AE",
            "%ff%fe", "renewable-generation");

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The generated requests: method, path (with query), body or null. */
    private List<String[]> requests() {
        Random r = new Random(20261128L);
        Map<String, List<String>> ops = new LinkedHashMap<>();
        ops.put("/api/v1/assets", List.of("kind", "district", "postcode", "limit", "cursor", "format", "locale"));
        ops.put("/api/v1/assets/{id}", List.of("format", "locale"));
        ops.put("/api/v1/series", List.of("asset", "quantity", "limit", "cursor", "format", "locale"));
        ops.put("/api/v1/series/{id}", List.of("format", "locale"));
        ops.put("/api/v1/series/{id}/observations", List.of("from", "to", "resolution", "agg", "tz", "format", "locale"));
        ops.put("/api/v1/series/{id}/forecasts", List.of("from", "to", "issuedBefore", "tz", "format", "locale"));
        ops.put("/api/v1/datasets", List.of("format", "locale"));
        ops.put("/api/v1/datasets/{id}", List.of("format", "locale"));
        List<String[]> out = new ArrayList<>();
        for (var op : ops.entrySet()) {
            // each parameter with 12 of the hostile values (drawn per parameter), the others absent
            for (String p : op.getValue()) {
                List<String> values = new ArrayList<>(HOSTILE);
                java.util.Collections.shuffle(values, r);
                for (String v : values.subList(0, 12)) {
                    String id = IDS.get(r.nextInt(IDS.size()));
                    out.add(new String[] {"GET", op.getKey().replace("{id}", id.startsWith("%") ? id : q(id)) + "?" + p + "=" + q(v), null});
                }
            }
            // random combinations, including repeated and unknown parameters
            for (int i = 0; i < 15; i++) {
                StringBuilder sb = new StringBuilder(op.getKey().replace("{id}", q(IDS.get(r.nextInt(IDS.size())))));
                int n = 1 + r.nextInt(4);
                for (int k = 0; k < n; k++) {
                    String p = r.nextInt(8) == 0 ? "undocumented" : op.getValue().get(r.nextInt(op.getValue().size()));
                    sb.append(k == 0 ? '?' : '&').append(p).append('=').append(q(HOSTILE.get(r.nextInt(HOSTILE.size()))));
                }
                out.add(new String[] {"GET", sb.toString(), null});
            }
        }
        // time ranges: from > to, 100 years, far past and future, on raw and aggregated reads
        for (String range : List.of("from=2026-11-21&to=2026-11-20", "from=1926-01-01&to=2026-01-01",
                "from=2026-01-01&to=2126-01-01", "from=0001-01-01&to=9999-12-31", "from=2026-11-20&to=2026-11-20")) {
            for (String res : List.of("", "&resolution=1h&agg=avg", "&resolution=1d&agg=sum", "&resolution=15min&agg=max")) {
                out.add(new String[] {"GET", "/api/v1/series/pv-rathaus.active_power/observations?" + range + res, null});
            }
        }
        // hostile admin writes
        for (String body : List.of("", "{", "[]", "null", "{\"partner\":null}", "{\"partner\":1}", "{\"partner\":[\"x\"]}",
                "{\"partner\":\"stadtapp\",\"label\":{\"a\":1}}", "[".repeat(5000) + "]".repeat(5000),
                "{\"partner\":\"' OR 1=1 --\"}", "{\"partner\":\"stadtapp\",\"partner\":\"wasserwerk\"}",
                "{\"partner\":\"stadtapp\",\"label\":\"" + "\\u0000".repeat(100) + "\"}", "\u00ff\u00fe{}")) {
            out.add(new String[] {"POST", "/api/v1/admin/keys", body});
        }
        for (String id : IDS) {
            out.add(new String[] {"DELETE", "/api/v1/admin/keys/" + (id.startsWith("%") ? id : q(id)), null});
        }
        return out;
    }

    @Test
    void noFuzzedRequestGetsA5xxOrLeaksInternals() {
        List<Observation> values = new ArrayList<>();
        Instant day = Instant.parse("2026-11-19T23:00:00Z");
        for (int i = 0; i < 96; i++) {
            values.add(Observation.of("pv-rathaus", "active_power", i, "W", day.plusSeconds(900L * i)));
        }
        context.createProducerTemplate().requestBody("direct:ingest", values);

        List<String[]> requests = requests();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        String[] keys = {PartnerApiRouteTest.KEY_A, PartnerApiRouteTest.KEY_B, null, "swh_wrong"};
        int i = 0;
        for (String[] req : requests) {
            String key = keys[i++ % keys.length];
            HttpResponse<byte[]> r = api.send(req[0], req[1], key,
                    req[2] == null ? null : req[2].getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
            statuses.merge(r.statusCode(), 1, Integer::sum);
            String body = text(r);
            String what = req[0] + " " + abbreviate(req[1]) + " → " + r.statusCode() + " " + abbreviate(body);
            if (r.statusCode() >= 500) {
                failures.add("5xx: " + what);
            }
            boolean tooLong = req[1].length() > 4000 && (r.statusCode() == 414 || r.statusCode() == 431);
            if (tooLong) {
                // Vert.x refuses a request line over 4,096 bytes itself, before any route: empty body, nothing leaks
                assertThat(body).isEmpty();
            } else if (r.statusCode() >= 400
                    && !r.headers().firstValue("Content-Type").orElse("").equals("application/problem+json")) {
                failures.add("not problem+json: " + what);
            }
            // the caller's own values may be quoted back in a detail; what must not appear is ours
            String scrubbed = body;
            for (String v : HOSTILE) {
                if (!v.isBlank() && v.length() > 2) {
                    scrubbed = scrubbed.replace(v, "");
                }
            }
            String lower = scrubbed.toLowerCase(java.util.Locale.ROOT);
            for (String leak : List.of("exception", "select ", "insert into", " from observation", "org.h2", "jdbc",
                    "\tat ", "at de.stadtwerk", "at org.apache", "sqlstate", "syntax error", "stack")) {
                if (r.statusCode() >= 400 && lower.contains(leak)) {
                    failures.add("leaks '" + leak + "': " + what);
                }
            }
        }
        System.out.printf("B8 figures: %d fuzzed requests; statuses %s%n", requests.size(), statuses);
        assertThat(requests).hasSizeGreaterThan(400);
        assertThat(failures).isEmpty();
        assertThat(statuses.keySet()).contains(400, 401, 404);
    }

    private static String abbreviate(String s) {
        return s.length() <= 160 ? s : s.substring(0, 157) + "...";
    }
}
