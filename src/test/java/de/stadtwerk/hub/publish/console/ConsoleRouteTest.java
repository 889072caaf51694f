package de.stadtwerk.hub.publish.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.stadtwerk.hub.ingest.IngestResult;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.publish.api.ApiKeys;
import de.stadtwerk.hub.publish.feed.FeedDeliveries;
import de.stadtwerk.hub.publish.feed.FeedDelivery;
import de.stadtwerk.hub.store.ObservationStore;
import de.stadtwerk.hub.transform.AssetRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The console over HTTP with the real route files, on a free business port: the page, every API operation with and
 * without the admin key, route counters, source freshness, the quarantine (filter, view, replay, discard, replay
 * all) and feed deliveries with "send again".
 */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "camel.server.port={{console-route-test.port}}", "camel.server.host=127.0.0.1",
            "camel.management.enabled=false",
            "hub.db.url=jdbc:h2:mem:console-route-test;DB_CLOSE_DELAY=-1",
            "hub.data.dir=target/console-route-test",
            "hub.api.partners-file=src/test/resources/api/partners.yaml",
            "hub.api.admin-key-hash={{console-route-test.admin-hash}}",
            "hub.api.rate-limit.per-minute=100000", "hub.api.rate-limit.burst=100000",
            "hub.api.rate-limit.anonymous-per-minute=100000",
            "hub.demo.enabled=false", "hub.embedded.mqtt.port=0", "hub.embedded.mqtt.persistence=in-memory",
            "hub.embedded.opcua.port=0",
            "hub.ingest.require-known-asset=true", "hub.assets.file=target/console-route-test/assets.csv",
            "hub.feeds.file=src/test/resources/console/console-feeds.yaml",
            "hub.opendata.run-at-start=false", "hub.energiewetter.startup-delay=600000",
            "hub.retry.max-attempts=1", "hub.retry.initial-delay=20", "hub.retry.max-delay=50",
            "hub.console.sources=ingest=core-ingest@PT1H,mscons=legacy-mscons-drop@PT1S,ghost=no-such-route@PT1M"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleRouteTest {

    static final String ADMIN = "swh_console-route-test-admin-key-00000000000000";
    static final String PARTNER = "swh_test-partner-a-0000000000000000000000000000";
    static final int PORT = freePort();
    static final Path DATA = Path.of("target/console-route-test").toAbsolutePath();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    static {
        System.setProperty("console-route-test.port", Integer.toString(PORT));
        System.setProperty("console-route-test.admin-hash", ApiKeys.hash(ADMIN));
        try {
            deleteTree(DATA);
            Files.createDirectories(DATA);
            Files.copy(Path.of("config/assets.csv"), DATA.resolve("assets.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeanInject
    CamelContext context;

    @BeanInject
    AssetRegistry assets;

    @BeanInject
    ObservationStore store;

    @BeanInject
    FeedDeliveries deliveries;

    static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpResponse<String> send(String method, String path, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                .timeout(Duration.ofSeconds(60)).method(method, HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    static JsonNode problem(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.body()).doesNotContainIgnoringCase("exception").doesNotContain("at de.stadtwerk")
                .doesNotContainIgnoringCase("select ");
        try {
            JsonNode p = JSON.readTree(r.body());
            assertThat(p.path("status").asInt()).isEqualTo(status);
            assertThat(p.path("detail").asText()).isNotBlank();
            return p;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    static String path(ConsoleOperation op) {
        return ConsoleOperation.BASE_PATH + op.path().replace("{id}", "1").replace("{file}", "console.js");
    }

    /** An observation of an asset that is not in the master data: quarantined while require-known-asset is on. */
    long quarantineUnknownAsset(String assetId) {
        Observation o = Observation.of(assetId, "active_power", 42.5, "W", Instant.now().truncatedTo(ChronoUnit.SECONDS));
        IngestResult r = context.createProducerTemplate().requestBodyAndHeader("direct:ingest", List.of(o),
                "HubSource", "console-test", IngestResult.class);
        assertThat(r.quarantined()).isEqualTo(1);
        JsonNode items = ok(send("GET", "/console/api/quarantine?text=" + assetId, ADMIN)).path("items");
        assertThat(items).hasSize(1);
        return items.get(0).path("id").asLong();
    }

    void addAsset(String assetId) throws IOException {
        Path file = DATA.resolve("assets.csv");
        Files.writeString(file, assetId + ";Konsolen-Testzähler;meter;51.25;7.15;Elberfeld;42103;;\n",
                StandardOpenOption.APPEND);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(2)));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            assets.reloadIfChanged();
            return assets.resolve(assetId).isPresent();
        });
    }

    // ---- access

    @Test
    void thePageAndItsFilesNeedNoKeyAndForbidFraming() {
        HttpResponse<String> page = send("GET", "/console", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("operator console", "/console/static/console.js", "/energiewetter.svg");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'none'")
                .contains("script-src 'self'");
        HttpResponse<String> js = send("GET", "/console/static/console.js", null);
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(js.body()).contains("sessionStorage").doesNotContain("innerHTML");
        assertThat(send("GET", "/console/static/console.css", null).statusCode()).isEqualTo(200);
        problem(send("GET", "/console/static/secret.txt", null), 404);
        problem(send("GET", "/console/static/..%2Fconfig%2Fapplication.properties", null), 404);
        problem(send("GET", "/console/api/nothing-here", ADMIN), 404);
    }

    @ParameterizedTest
    @EnumSource(value = ConsoleOperation.class, mode = EnumSource.Mode.EXCLUDE, names = {"PAGE", "STATIC"})
    void everyApiOperationRefusesNoKeyAWrongKeyAndAPartnerKeyWith401(ConsoleOperation op) {
        for (String key : new String[] {null, "swh_wrong-key-000000000000000000000000000000000", PARTNER}) {
            HttpResponse<String> r = send(op.method(), path(op), key);
            JsonNode p = problem(r, 401);
            assertThat(p.path("detail").asText()).as(op + " with " + key).containsAnyOf("admin key", "not valid");
            assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
        }
    }

    @Test
    void badParametersGet400() {
        problem(send("GET", "/console/api/quarantine?status=SOMETIMES", ADMIN), 400);
        problem(send("GET", "/console/api/quarantine?limit=0", ADMIN), 400);
        problem(send("GET", "/console/api/quarantine?color=red", ADMIN), 400);
        problem(send("GET", "/console/api/quarantine?source=a&source=b", ADMIN), 400);
        problem(send("GET", "/console/api/feeds?outcome=MAYBE", ADMIN), 400);
        problem(send("GET", "/console/api/routes?x=1", ADMIN), 400);
        problem(send("GET", "/console/api/quarantine/abc", ADMIN), 404);
        problem(send("GET", "/console/api/quarantine/99999999", ADMIN), 404);
        problem(send("POST", "/console/api/quarantine/99999999/replay", ADMIN), 404);
        problem(send("POST", "/console/api/feeds/99999999/resend", ADMIN), 404);
    }

    // ---- routes and sources

    @Test
    void routesAreListedWithStateSourceFileAndCounters() {
        IngestResult r = context.createProducerTemplate().requestBody("direct:ingest",
                List.of(Observation.of("pv-rathaus", "active_power", 10, "W", Instant.now().truncatedTo(ChronoUnit.SECONDS))),
                IngestResult.class);
        assertThat(r.stored()).isEqualTo(1);
        JsonNode doc = ok(send("GET", "/console/api/routes", ADMIN));
        List<String> ids = new ArrayList<>();
        doc.path("routes").forEach(n -> ids.add(n.path("id").asText()));
        assertThat(ids).hasSize(context.getRoutes().size())
                .contains("core-ingest", "console-handle", "console-api-routes", "partner-api-handle", "legacy-mscons-drop");
        JsonNode ingest = find(doc.path("routes"), "core-ingest");
        assertThat(ingest.path("state").asText()).isEqualTo("Started");
        assertThat(ingest.path("description").asText()).contains("shared ingest pipeline");
        assertThat(ingest.path("source").asText()).endsWith("routes/core/ingest.camel.yaml");
        assertThat(ingest.path("exchangesTotal").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(ingest.path("lastActivity").asText()).isNotBlank();
        assertThat(ingest.path("meanMillis").isNumber()).isTrue();
        JsonNode self = find(doc.path("routes"), "console-api-routes");
        assertThat(self.path("restDsl").asBoolean()).isTrue();
        assertThat(doc.path("countingSince").asText()).isNotBlank();
    }

    @Test
    void aFailedExchangeIsCountedAsFailed() {
        long before = find(ok(send("GET", "/console/api/routes", ADMIN)).path("routes"), "console-handle")
                .path("exchangesFailed").asLong();
        // a refused request is answered by the bean (401 problem+json): the exchange itself did not fail
        problem(send("GET", "/console/api/routes", null), 401);
        JsonNode handle = find(ok(send("GET", "/console/api/routes", ADMIN)).path("routes"), "console-handle");
        assertThat(handle.path("exchangesFailed").asLong()).isEqualTo(before);
        String replay = "field-meters-mqtt-replay";
        long failedBefore = find(ok(send("GET", "/console/api/routes", ADMIN)).path("routes"), replay)
                .path("exchangesFailed").asLong();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> context.createProducerTemplate()
                .requestBody("direct:" + replay, "not an MQTT envelope"))
                .isInstanceOf(org.apache.camel.CamelExecutionException.class);
        JsonNode ingest = find(ok(send("GET", "/console/api/routes", ADMIN)).path("routes"), replay);
        assertThat(ingest.path("exchangesFailed").asLong()).isEqualTo(failedBefore + 1);
        assertThat(ingest.path("exchangesTotal").asLong()).isGreaterThanOrEqualTo(failedBefore + 1);
        assertThat(ingest.path("lastFailure").asText()).isNotBlank();
    }

    @Test
    void sourcesShowFreshnessWithTheirIntervalAndAlarms() {
        context.createProducerTemplate().requestBody("direct:ingest",
                List.of(Observation.of("pv-rathaus", "active_power", 11, "W", Instant.now().truncatedTo(ChronoUnit.SECONDS))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode doc = ok(send("GET", "/console/api/sources", ADMIN));
            JsonNode ingest = findByName(doc.path("sources"), "ingest");
            assertThat(ingest.path("status").asText()).isEqualTo(Freshness.OK);
            assertThat(ingest.path("alarm").asBoolean()).isFalse();
            assertThat(ingest.path("expectedInterval").asText()).isEqualTo("PT1H");
            assertThat(ingest.path("lastReceived").asText()).isNotBlank();
            JsonNode mscons = findByName(doc.path("sources"), "mscons");
            assertThat(mscons.path("status").asText()).as("no file dropped, up longer than 1 s").isEqualTo(Freshness.LATE);
            assertThat(mscons.path("alarm").asBoolean()).isTrue();
            assertThat(mscons.path("lastReceived").isNull()).isTrue();
            JsonNode ghost = findByName(doc.path("sources"), "ghost");
            assertThat(ghost.path("status").asText()).isEqualTo(Freshness.NO_ROUTE);
            assertThat(ghost.path("text").asText()).contains("no-such-route");
            assertThat(doc.path("alarms").asInt()).isEqualTo(2);
        });
    }

    // ---- quarantine

    @Test
    void theQuarantineIsFilteredViewedReplayedAndDiscarded() throws IOException {
        long stays = quarantineUnknownAsset("console-meter-stays");
        long fixed = quarantineUnknownAsset("console-meter-fixed");

        JsonNode list = ok(send("GET", "/console/api/quarantine?source=CONSOLE-test&reason=console-meter", ADMIN));
        assertThat(list.path("items").findValuesAsText("id")).contains(Long.toString(stays), Long.toString(fixed));
        assertThat(list.path("open").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(ok(send("GET", "/console/api/quarantine?reason=no+such+reason+at+all", ADMIN)).path("items")).isEmpty();
        assertThat(ok(send("GET", "/console/api/quarantine?text=100%25_", ADMIN)).path("items"))
                .as("% and _ match themselves").isEmpty();
        JsonNode row = find(list.path("items"), stays);
        assertThat(row.path("source").asText()).isEqualTo("console-test");
        assertThat(row.path("replayable").asBoolean()).isTrue();
        assertThat(row.path("preview").asText()).contains("console-meter-stays");

        JsonNode item = ok(send("GET", "/console/api/quarantine/" + stays, ADMIN));
        assertThat(item.path("payload").asText()).contains("\"assetId\"").contains("console-meter-stays");
        assertThat(item.path("reason").asText()).contains("console-meter-stays");
        assertThat(item.path("replayEndpoint").asText()).isEqualTo("direct:ingest");

        JsonNode again = ok(send("POST", "/console/api/quarantine/" + stays + "/replay", ADMIN));
        assertThat(again.path("status").asText()).as("asset still unknown").isEqualTo("OPEN");
        assertThat(again.path("attempts").asInt()).isEqualTo(2);

        addAsset("console-meter-fixed");
        JsonNode replayed = ok(send("POST", "/console/api/quarantine/" + fixed + "/replay", ADMIN));
        assertThat(replayed.path("status").asText()).isEqualTo("REPLAYED");
        assertThat(store.count("console-meter-fixed.active_power")).isEqualTo(1);
        assertThat(ok(send("GET", "/console/api/quarantine", ADMIN)).path("items").findValuesAsText("id"))
                .doesNotContain(Long.toString(fixed));
        assertThat(ok(send("GET", "/console/api/quarantine?status=REPLAYED", ADMIN)).path("items").findValuesAsText("id"))
                .contains(Long.toString(fixed));
        problem(send("POST", "/console/api/quarantine/" + fixed + "/replay", ADMIN), 409);

        JsonNode discarded = ok(send("POST", "/console/api/quarantine/" + stays + "/discard", ADMIN));
        assertThat(discarded.path("status").asText()).isEqualTo("DISCARDED");
        problem(send("POST", "/console/api/quarantine/" + stays + "/discard", ADMIN), 409);
        assertThat(ok(send("GET", "/console/api/quarantine?status=ALL&text=console-meter-stays", ADMIN)).path("items"))
                .hasSize(1);
    }

    @Test
    void replayAllReplaysTheOpenItemsThatMatchTheFilter() throws IOException {
        long a = quarantineUnknownAsset("console-all-a");
        long b = quarantineUnknownAsset("console-all-b");
        long other = quarantineUnknownAsset("console-other-c");
        addAsset("console-all-a");
        JsonNode result = ok(send("POST", "/console/api/quarantine/replay-all?text=console-all-", ADMIN));
        assertThat(result.path("replayed").asInt()).isEqualTo(1);
        assertThat(result.path("stillOpen").asInt()).isEqualTo(1);
        assertThat(ok(send("GET", "/console/api/quarantine/" + a, ADMIN)).path("status").asText()).isEqualTo("REPLAYED");
        JsonNode bAfter = ok(send("GET", "/console/api/quarantine/" + b, ADMIN));
        assertThat(bAfter.path("status").asText()).isEqualTo("OPEN");
        assertThat(bAfter.path("attempts").asInt()).isEqualTo(2);
        assertThat(ok(send("GET", "/console/api/quarantine/" + other, ADMIN)).path("attempts").asInt())
                .as("not matched by the filter, not replayed").isEqualTo(1);
    }

    // ---- feeds

    @Test
    void aFailedFeedDeliveryIsListedAndSentAgain() throws IOException {
        Path blocker = DATA.resolve("console-feeds/out");
        Files.createDirectories(blocker.getParent());
        Files.writeString(blocker, "a file where the feed wants a folder");
        FeedDelivery failed = deliveries.runNow("c-file");
        assertThat(failed.outcome()).isEqualTo(FeedDelivery.FAILED);

        JsonNode list = ok(send("GET", "/console/api/feeds?outcome=FAILED", ADMIN));
        JsonNode row = find(list.path("items"), failed.id());
        assertThat(row.path("feed").asText()).isEqualTo("c-file");
        assertThat(row.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(row.path("destination").asText()).isEqualTo("file:console-feeds/out");
        assertThat(row.path("periodFrom").asText()).isEqualTo(failed.periodFrom().toString());
        assertThat(row.path("error").asText()).isNotBlank();
        assertThat(ok(send("GET", "/console/api/feeds?feed=c-file", ADMIN)).path("items").findValuesAsText("id"))
                .contains(Long.toString(failed.id()));

        Files.delete(blocker);
        JsonNode resent = ok(send("POST", "/console/api/feeds/" + failed.id() + "/resend", ADMIN));
        assertThat(resent.path("outcome").asText()).as(resent.toString()).isEqualTo("DELIVERED");
        assertThat(resent.path("resends").asInt()).isEqualTo(1);
        assertThat(resent.path("periodFrom").asText()).isEqualTo(failed.periodFrom().toString());
        try (Stream<Path> files = Files.list(blocker)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("konsole-"));
        }
        assertThat(ok(send("GET", "/console/api/feeds?outcome=FAILED", ADMIN)).path("items").findValuesAsText("id"))
                .doesNotContain(Long.toString(failed.id()));
    }

    // ---- helpers

    static JsonNode find(JsonNode items, String id) {
        for (JsonNode n : items) {
            if (n.path("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no item " + id + " in " + items);
    }

    static JsonNode find(JsonNode items, long id) {
        return find(items, Long.toString(id));
    }

    static JsonNode findByName(JsonNode items, String name) {
        for (JsonNode n : items) {
            if (n.path("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no source " + name + " in " + items);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
