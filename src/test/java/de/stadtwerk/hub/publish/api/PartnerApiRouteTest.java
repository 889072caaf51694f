package de.stadtwerk.hub.publish.api;

import static de.stadtwerk.hub.publish.api.ApiClient.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.stadtwerk.hub.model.Forecast;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.store.ForecastStore;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The partner API over HTTP, with the real route files, on a free business port and a separate free management
 * port (both chosen before the context starts and passed by system properties that only this class reads).
 */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "camel.server.port={{partner-api-route-test.port}}", "camel.server.host=127.0.0.1",
            "camel.management.port={{partner-api-route-test.management-port}}",
            "hub.db.url=jdbc:h2:mem:partner-api-route-test;DB_CLOSE_DELAY=-1",
            "hub.data.dir=target/partner-api-route-test",
            "hub.api.partners-file=src/test/resources/api/partners.yaml",
            "hub.api.rate-limit.per-minute=100000", "hub.api.rate-limit.burst=100000",
            "hub.api.rate-limit.anonymous-per-minute=100000",
            "hub.demo.enabled=false", "hub.embedded.mqtt.port=0", "hub.embedded.mqtt.persistence=in-memory",
            "hub.embedded.opcua.port=0"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerApiRouteTest {

    static final String KEY_A = "swh_test-partner-a-0000000000000000000000000000";
    static final String KEY_B = "swh_test-partner-b-0000000000000000000000000000";
    static final String KEY_TINY = "swh_test-partner-tiny-000000000000000000000000";
    static final int PORT = ApiClient.freePort();
    static final int MANAGEMENT_PORT = ApiClient.freePort();
    static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
    static final Path DATA = Path.of("target/partner-api-route-test").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        System.setProperty("partner-api-route-test.port", Integer.toString(PORT));
        System.setProperty("partner-api-route-test.management-port", Integer.toString(MANAGEMENT_PORT));
        try {
            Files.deleteIfExists(DATA.resolve(AdminKeyBootstrap.FILE_NAME));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        LOG.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOG);
    }

    @BeanInject
    CamelContext context;

    @BeanInject
    ForecastStore forecasts;

    @BeanInject
    ApiKeys keys;

    @BeanInject
    de.stadtwerk.hub.store.SeriesMetaStore seriesMeta;

    final ApiClient api = new ApiClient(PORT);

    static final Instant DAY = Instant.parse("2026-11-19T23:00:00Z");

    private boolean loaded;

    @BeforeEach
    void data() {
        if (loaded) {
            return;
        }
        loaded = true;
        List<Observation> values = new ArrayList<>();
        for (int i = 0; i < 96; i++) {
            Instant t = DAY.plusSeconds(900L * i);
            values.add(Observation.of("pv-rathaus", "active_power", 1.5 + i, "W", t));
            values.add(Observation.of("pump-1", "volume_flow", 10 + i, "m3/h", t));
            values.add(Observation.interval("m-00042", "energy_import", 250, "Wh", t, t.plusSeconds(900)));
            values.add(Observation.of("ws-10315", "temperature", 4.25, "Cel", t));
            values.add(Observation.of("wind-nord", "active_power", 1000, "W", t));
        }
        context.createProducerTemplate().requestBody("direct:ingest", values);
        seriesMeta.record(List.of("ws-10315.temperature"), de.stadtwerk.hub.parse.Attribution.DWD, "test");
        forecasts.write(List.of(new Forecast("pv-rathaus.active_power.forecast", "pv-rathaus", "active_power", 42, "W",
                DAY, DAY.plusSeconds(3600), DAY.minusSeconds(3600), "pv-test", "test")));
    }

    private JsonNode json(HttpResponse<byte[]> r) {
        try {
            return JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text(r), e);
        }
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void assertProblem(HttpResponse<byte[]> r, int status) {
        assertThat(r.statusCode()).as(text(r)).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(text(r)).contains("\"status\":" + status).contains("\"detail\":")
                .doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("select ")
                .doesNotContain("at de.stadtwerk").doesNotContain("org.h2");
    }

    // ---- documents

    @Test
    void theOpenApiDocumentAndTheReadablePageNeedNoKey() {
        HttpResponse<byte[]> doc = api.get("/api/v1/openapi.json", null);
        assertThat(doc.statusCode()).isEqualTo(200);
        assertThat(json(doc).path("paths").has("/series/{id}/observations")).isTrue();
        HttpResponse<byte[]> page = api.get("/api/v1/docs", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(text(page)).contains("GET /api/v1/series/{id}/observations").contains("resolution");
    }

    @Test
    void openDataIsPublishedWithItsAttributionAndLicence() {
        JsonNode series = json(api.get("/api/v1/series/ws-10315.temperature", null));
        assertThat(series.path("attribution").asText()).isEqualTo("Datenbasis: Deutscher Wetterdienst (CC-BY-4.0)");
        assertThat(series.path("licence").asText()).isEqualTo("CC-BY-4.0");
        JsonNode values = json(api.get("/api/v1/series/ws-10315.temperature/observations?from=2026-11-20&to=2026-11-21", null));
        assertThat(values.path("attribution").asText()).startsWith("Datenbasis: Deutscher Wetterdienst");
        JsonNode own = json(api.get("/api/v1/series/pump-1.volume_flow", KEY_A));
        assertThat(own.has("attribution")).as("the utility's own data carries none").isFalse();
    }

    // ---- authentication and BOLA (S1)

    @Test
    void withoutAKeyOnlyPublicDatasetsAreVisible() {
        JsonNode datasets = json(api.get("/api/v1/datasets", null));
        assertThat(datasets.path("items").findValuesAsText("id")).containsExactly("weather");
        assertThat(json(api.get("/api/v1/series", null)).path("items").findValuesAsText("id"))
                .containsExactly("ws-10315.temperature");
        assertThat(api.get("/api/v1/series/ws-10315.temperature/observations?from=2026-11-20&to=2026-11-21", null)
                .statusCode()).isEqualTo(200);
        assertProblem(api.get("/api/v1/series/pv-rathaus.active_power", null), 404);
    }

    @Test
    void aWrongOrMalformedKeyIs401AndNeverAnonymous() {
        for (HttpResponse<byte[]> r : List.of(api.get("/api/v1/datasets", "swh_wrong"),
                api.get("/api/v1/datasets", null, "Authorization", "Basic dXNlcjpwYXNz"),
                api.get("/api/v1/series/ws-10315.temperature", "swh_wrong"))) {
            assertProblem(r, 401);
            assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        }
        assertProblem(api.get("/api/v1/admin/keys", null), 401);
    }

    @Test
    void aForeignIdAnswers404ExactlyLikeAnUnknownId() {
        String path = "/api/v1/series/%s/observations?from=2026-11-20&to=2026-11-21";
        HttpResponse<byte[]> own = api.get(path.formatted("pump-1.volume_flow"), KEY_B);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(json(own).path("points")).hasSize(96);

        HttpResponse<byte[]> foreign = api.get(path.formatted("pv-rathaus.active_power"), KEY_B);
        HttpResponse<byte[]> unknown = api.get(path.formatted("pv-rathaus.active_powerX"), KEY_B);
        assertProblem(foreign, 404);
        assertProblem(unknown, 404);
        assertThat(text(foreign).replace("pv-rathaus.active_power", "ID"))
                .isEqualTo(text(unknown).replace("pv-rathaus.active_powerX", "ID"));
        assertThat(foreign.headers().map().keySet()).isEqualTo(unknown.headers().map().keySet());

        for (String p : List.of("/api/v1/series/pv-rathaus.active_power", "/api/v1/assets/pv-rathaus",
                "/api/v1/datasets/renewable-generation", "/api/v1/series/pv-rathaus.active_power.forecast/forecasts?from=2026-11-20&to=2026-11-21")) {
            assertProblem(api.get(p, KEY_B), 404);
            assertThat(api.get(p, KEY_A).statusCode()).as(p).isEqualTo(200);
        }
        // enumeration: B's list never names A's series
        assertThat(json(api.get("/api/v1/series?limit=1000", KEY_B)).path("items").findValuesAsText("id"))
                .containsExactlyInAnyOrder("pump-1.volume_flow", "m-00042.energy_import", "ws-10315.temperature");
        // an external id of an asset is not an asset id
        assertProblem(api.get("/api/v1/assets/" + q("malo:51481308448"), KEY_B), 404);
    }

    // ---- data

    @Test
    void rawAndAggregatedValuesInTheRequestedTimeZone() {
        JsonNode raw = json(api.get("/api/v1/series/pv-rathaus.active_power/observations?from=2026-11-20&to=2026-11-21", KEY_A));
        assertThat(raw.path("points")).hasSize(96);
        assertThat(raw.path("points").get(0).path("start").asText()).isEqualTo("2026-11-20T00:00:00+01:00");
        assertThat(raw.path("points").get(0).path("value").asDouble()).isEqualTo(1.5);
        assertThat(raw.path("resolution").asText()).isEqualTo("raw");

        JsonNode hourly = json(api.get("/api/v1/series/pv-rathaus.active_power/observations?from=" + q("2026-11-20T00:00:00+01:00")
                + "&to=2026-11-20T23:00:00Z&resolution=1h&agg=sum&tz=UTC", KEY_A));
        assertThat(hourly.path("points")).hasSize(24);
        assertThat(hourly.path("points").get(0).path("start").asText()).isEqualTo("2026-11-19T23:00:00Z");
        assertThat(hourly.path("points").get(0).path("value").asDouble()).isEqualTo(1.5 + 2.5 + 3.5 + 4.5);
        assertThat(hourly.path("points").get(0).path("count").asInt()).isEqualTo(4);

        JsonNode daily = json(api.get("/api/v1/series/pv-rathaus.active_power/observations?from=2026-11-20&to=2026-11-21&resolution=1d&agg=max", KEY_A));
        assertThat(daily.path("points")).hasSize(1);
        assertThat(daily.path("points").get(0).path("value").asDouble()).isEqualTo(96.5);

        JsonNode forecast = json(api.get("/api/v1/series/pv-rathaus.active_power.forecast/forecasts?from=2026-11-20&to=2026-11-21", KEY_A));
        assertThat(forecast.path("points").get(0).path("value").asDouble()).isEqualTo(42.0);
        assertThat(forecast.path("points").get(0).path("model").asText()).isEqualTo("pv-test");
    }

    @Test
    void assetsAreFilteredAndShowNoExternalIds() {
        JsonNode all = json(api.get("/api/v1/assets", KEY_A));
        assertThat(all.path("items").findValuesAsText("id")).containsExactly("pv-rathaus", "wind-nord", "ws-10315");
        assertThat(json(api.get("/api/v1/assets?kind=wind_turbine", KEY_A)).path("items").findValuesAsText("id"))
                .containsExactly("wind-nord");
        assertThat(json(api.get("/api/v1/assets?district=Elberfeld", KEY_A)).path("items").findValuesAsText("id"))
                .containsExactly("pv-rathaus");
        assertThat(text(api.get("/api/v1/assets/pv-rathaus", KEY_A))).contains("\"ratedPowerW\":99500.0")
                .doesNotContain("mastr").doesNotContain("SEE912345678901");
        assertThat(json(api.get("/api/v1/datasets/renewable-generation", KEY_A)).path("licence").asText()).isEqualTo("CC-BY-4.0");
    }

    @Test
    void germanCsvHasSemicolonsDecimalCommaAndABom() {
        HttpResponse<byte[]> r = api.get("/api/v1/series/pv-rathaus.active_power/observations?from=2026-11-20&to=2026-11-21&locale=de",
                KEY_A, "Accept", "text/csv");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String body = text(r);
        assertThat(body).startsWith("\uFEFFstart;end;value;quality\r\n")
                .contains("2026-11-20T00:00:00+01:00;2026-11-20T00:00:00+01:00;1,5;MEASURED\r\n");
        String english = text(api.get("/api/v1/series/pv-rathaus.active_power/observations?from=2026-11-20&to=2026-11-21&format=csv", KEY_A));
        assertThat(english).startsWith("start,end,value,quality\r\n").contains(",1.5,MEASURED\r\n");
        String byLanguage = text(api.get("/api/v1/assets?format=csv", KEY_A, "Accept-Language", "de-DE,de;q=0.9"));
        assertThat(byLanguage).contains("pv-rathaus;PV Rathausdach;pv_plant;51,2565;7,1499;Elberfeld;42103;99500");
        assertProblem(api.get("/api/v1/assets", KEY_A, "Accept", "application/xml"), 406);
    }

    @Test
    void anUnchangedResponseIs304WithItsEtag() {
        String path = "/api/v1/series/pv-rathaus.active_power/observations?from=2026-11-20&to=2026-11-21";
        HttpResponse<byte[]> first = api.get(path, KEY_A);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> second = api.get(path, KEY_A, "If-None-Match", etag);
        assertThat(second.statusCode()).isEqualTo(304);
        assertThat(second.body()).isEmpty();
        assertThat(api.get(path, KEY_A, "If-None-Match", "\"something-else\"").statusCode()).isEqualTo(200);
        assertThat(api.get(path.replace("2026-11-21", "2026-11-20T12:00:00Z"), KEY_A, "If-None-Match", etag).statusCode())
                .isEqualTo(200);
    }

    @Test
    void largerResponsesAreGzippedWhenAccepted() throws Exception {
        String path = "/api/v1/series/pv-rathaus.active_power/observations?from=2026-11-20&to=2026-11-21";
        HttpResponse<byte[]> plain = api.get(path, KEY_A);
        HttpResponse<byte[]> gz = api.get(path, KEY_A, "Accept-Encoding", "gzip");
        assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gz.body().length).isLessThan(plain.body().length / 3);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
        HttpResponse<byte[]> notModified = api.get(path, KEY_A, "Accept-Encoding", "gzip",
                "If-None-Match", gz.headers().firstValue("ETag").orElseThrow());
        assertThat(notModified.statusCode()).isEqualTo(304);
    }

    @Test
    void listsArePagedByCursorWithoutGapsOrRepeats() {
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = json(api.get("/api/v1/series?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), KEY_A));
            for (String id : page.path("items").findValuesAsText("id")) {
                assertThat(seen.add(id)).as("repeated " + id).isTrue();
                order.add(id);
            }
            cursor = page.path("next").isNull() ? null : page.path("next").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(order).containsExactly("pv-rathaus.active_power", "pv-rathaus.active_power.forecast",
                "wind-nord.active_power", "ws-10315.temperature");
        assertThat(pages).isEqualTo(2);
        assertProblem(api.get("/api/v1/series?cursor=bm9wZQ", KEY_A), 400);
        assertProblem(api.get("/api/v1/series?limit=0", KEY_A), 400);
        assertProblem(api.get("/api/v1/series?limit=100000", KEY_A), 400);
    }

    // ---- bad input (B8): only 4xx problem+json, never 5xx, no SQL or stack text

    @ParameterizedTest
    @ValueSource(strings = {
        "/api/v1/series/pv-rathaus.active_power/observations?from=2026-11-21&to=2026-11-20",
        "/api/v1/series/pv-rathaus.active_power/observations?from=1950-01-01&to=2050-01-01",
        "/api/v1/series/pv-rathaus.active_power/observations?from=2020-01-01&to=2026-01-01&resolution=1d",
        "/api/v1/series/pv-rathaus.active_power/observations?from=2026-11-20&to=2026-11-21&resolution=5min",
        "/api/v1/series/pv-rathaus.active_power/observations?from=2026-11-20&to=2026-11-21&resolution=1h&agg=median",
        "/api/v1/series/pv-rathaus.active_power/observations?from=2026-11-20&to=2026-11-21&agg=sum",
        "/api/v1/series/pv-rathaus.active_power/observations?from=2026-11-20T00:00&to=2026-11-21",
        "/api/v1/series/pv-rathaus.active_power/observations?from=yesterday&to=2026-11-21",
        "/api/v1/series/pv-rathaus.active_power/observations?to=2026-11-21",
        "/api/v1/series/pv-rathaus.active_power/observations?from=2026-11-20&to=2026-11-21&tz=Mars/Olympus",
        "/api/v1/series/pv-rathaus.active_power/observations?from=%2B999999999-12-31T00:00:00Z&to=2026-11-21",
        "/api/v1/series/pv-rathaus.active_power/observations?from=2026-11-20&to=2026-11-21&form=csv",
        "/api/v1/series/pv-rathaus.active_power/observations?from=2026-11-20&from=2026-11-19&to=2026-11-21",
        "/api/v1/series/pv-rathaus.active_power/observations?from=%E0%A4&to=2026-11-21",
        "/api/v1/series/x%27%3BDROP%20TABLE%20series%3B--/observations?from=2026-11-20&to=2026-11-21",
        "/api/v1/series/%27%20OR%20%271%27%3D%271",
        "/api/v1/series/z%C3%A4hler%E2%9C%93%F0%9F%98%80",
        "/api/v1/assets?kind=%27%20OR%201%3D1--&format=xml",
        "/api/v1/assets?district=%00%01",
        "/api/v1/series?asset=" + "a%C3%A4" + "&quantity=%27%3B--&limit=abc",
        "/api/v1/datasets/..%2F..%2Fetc%2Fpasswd"
    })
    void badInputIsA4xxProblem(String path) {
        HttpResponse<byte[]> r = api.get(path, KEY_A);
        assertThat(r.statusCode()).as(path + " → " + text(r)).isBetween(400, 499);
        assertProblem(r, r.statusCode());
    }

    @Test
    void sqlMetaCharactersInFiltersAreJustValues() {
        HttpResponse<byte[]> r = api.get("/api/v1/series?asset=" + q("x' OR '1'='1") + "&quantity=" + q("ä\"; DROP TABLE series; --"), KEY_A);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("items")).isEmpty();
        assertThat(json(api.get("/api/v1/series", KEY_A)).path("items")).isNotEmpty();
    }

    // ---- limits (S4)

    @Test
    void overQuotaIs429WithRetryAfterAndOthersAreUnaffected() {
        String path = "/api/v1/datasets";
        for (int i = 0; i < 3; i++) {
            assertThat(api.get(path, KEY_TINY).statusCode()).isEqualTo(200);
        }
        HttpResponse<byte[]> over = api.get(path, KEY_TINY);
        assertProblem(over, 429);
        assertThat(Long.parseLong(over.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(api.get(path, KEY_A).statusCode()).isEqualTo(200);
    }

    @Test
    void oversizedBodiesAre413() {
        String admin = adminKey();
        byte[] big = ("{\"partner\":\"stadtapp\",\"label\":\"" + "x".repeat(20_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertProblem(api.send("POST", "/api/v1/admin/keys", admin, big, "Content-Type", "application/json"), 413);
        HttpResponse<byte[]> huge = api.send("POST", "/api/v1/admin/keys", admin, new byte[11 * 1024 * 1024],
                "Content-Type", "application/json");
        assertThat(huge.statusCode()).as("above camel.server.max-body-size: the server's own 413").isEqualTo(413);
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        assertProblem(api.get("/api/v1/nothing-here", KEY_A), 404);
        assertProblem(api.get("/api/v2/assets", KEY_A), 404);
        assertProblem(api.send("PUT", "/api/v1/assets", KEY_A, new byte[0]), 404);
    }

    // ---- admin keys and the bootstrap

    String adminKey() {
        Path file = DATA.resolve(AdminKeyBootstrap.FILE_NAME);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(file));
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith("swh_")).findFirst().orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theAdminKeyIsBootstrappedIntoAnOwnerOnlyFileAndNeverLogged() throws Exception {
        String key = adminKey();
        Path file = DATA.resolve(AdminKeyBootstrap.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        List<ILoggingEvent> logged = loggedSoFar();
        assertThat(logged).anySatisfy(e -> assertThat(e.getFormattedMessage())
                .contains("created admin key").contains(file.toString()));
        assertThat(logged).noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains(key));
        assertThat(logged).noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains(KEY_A));
        assertThat(api.get("/api/v1/admin/keys", key).statusCode()).isEqualTo(200);
    }

    /** A copy of the captured log; the appender adds under its own lock while other threads log. */
    private static List<ILoggingEvent> loggedSoFar() {
        synchronized (LOG) {
            return new java.util.ArrayList<>(LOG.list);
        }
    }

    @Test
    void keysAreCreatedListedWithoutSecretAndRevoked() throws Exception {
        String admin = adminKey();
        assertProblem(api.get("/api/v1/admin/keys", KEY_A), 403);
        HttpResponse<byte[]> created = api.send("POST", "/api/v1/admin/keys", admin,
                "{\"partner\":\"wasserwerk\",\"label\":\"Leitwarte\"}".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json");
        assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
        String newKey = json(created).path("key").asText();
        String id = json(created).path("id").asText();
        assertThat(newKey).startsWith("swh_").hasSizeGreaterThan(40);
        assertThat(api.get("/api/v1/series/pump-1.volume_flow", newKey).statusCode()).isEqualTo(200);
        assertProblem(api.get("/api/v1/series/pv-rathaus.active_power", newKey), 404);

        String list = text(api.get("/api/v1/admin/keys", admin));
        assertThat(list).contains(id).contains("Leitwarte").contains("config:stadtapp:0")
                .doesNotContain(newKey).doesNotContain(ApiKeys.hash(newKey)).doesNotContain(ApiKeys.hash(KEY_A));

        assertThat(api.send("DELETE", "/api/v1/admin/keys/" + id, admin, null).statusCode()).isEqualTo(204);
        assertProblem(api.get("/api/v1/series/pump-1.volume_flow", newKey), 401);
        assertProblem(api.send("DELETE", "/api/v1/admin/keys/" + id, admin, null), 404);
        assertProblem(api.send("DELETE", "/api/v1/admin/keys/config:stadtapp:0", admin, null), 409);

        assertProblem(api.send("POST", "/api/v1/admin/keys", admin, "{\"partner\":\"nobody\"}".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json"), 400);
        assertProblem(api.send("POST", "/api/v1/admin/keys", admin, "{\"partner\":\"stadtapp\",\"admin\":true}"
                .getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json"), 400);
        assertProblem(api.send("POST", "/api/v1/admin/keys", admin, "{\"partner\":".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json"), 400);
        assertProblem(api.send("POST", "/api/v1/admin/keys", admin, "partner=stadtapp".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded"), 415);
    }

    @Test
    void anExpiredKeyIs401ExactlyLikeAnUnknownKey() throws Exception {
        String admin = adminKey();
        Instant inAYear = Instant.now().plus(Duration.ofDays(365)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        HttpResponse<byte[]> created = api.send("POST", "/api/v1/admin/keys", admin, ("{\"partner\":\"wasserwerk\","
                + "\"label\":\"bis naechstes Jahr\",\"expiresAt\":\"" + inAYear.atOffset(java.time.ZoneOffset.ofHours(1))
                + "\"}").getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
        assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
        assertThat(json(created).path("expiresAt").asText()).isEqualTo(inAYear.toString());
        String valid = json(created).path("key").asText();
        assertThat(api.get("/api/v1/series/pump-1.volume_flow", valid).statusCode()).as("valid until next year").isEqualTo(200);

        // a key whose expiry has passed (made in the store: the API refuses to create one)
        ApiKeys.NewKey expired = keys.create("wasserwerk", "abgelaufen", false, Instant.now().minusSeconds(1));
        String path = "/api/v1/series/pump-1.volume_flow";
        HttpResponse<byte[]> refused = api.get(path, expired.secret());
        HttpResponse<byte[]> unknown = api.get(path, ApiKeys.newSecret());
        assertProblem(refused, 401);
        assertThat(text(refused)).isEqualTo(text(unknown)).doesNotContainIgnoringCase("expire");
        assertThat(refused.headers().map().keySet()).isEqualTo(unknown.headers().map().keySet());
        assertThat(refused.headers().firstValue("WWW-Authenticate")).isEqualTo(unknown.headers().firstValue("WWW-Authenticate"));

        JsonNode list = json(api.get("/api/v1/admin/keys", admin)).path("items");
        assertThat(list.findValues("id").stream().map(JsonNode::asText)).contains(expired.info().id());
        for (JsonNode k : list) {
            if (k.path("id").asText().equals(expired.info().id())) {
                assertThat(k.path("expiresAt").asText()).isEqualTo(expired.info().expiresAt().toString());
            }
            if (k.path("source").asText().equals("config")) {
                assertThat(k.path("expiresAt").isNull()).isTrue();
            }
        }

        for (String bad : List.of("\"2020-01-01T00:00:00Z\"", "\"2030-01-01T00:00:00\"", "\"morgen\"", "42")) {
            HttpResponse<byte[]> r = api.send("POST", "/api/v1/admin/keys", admin,
                    ("{\"partner\":\"wasserwerk\",\"expiresAt\":" + bad + "}").getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/json");
            assertProblem(r, 400);
            assertThat(text(r)).as(bad).contains("expiresAt");
        }
    }

    @Test
    void everyDocumentedOperationIsServedAndTakesItsDocumentedParameters() throws Exception {
        String admin = adminKey();
        for (var e : PartnerApiOpenApiTest.fromOpenApi().entrySet()) {
            String method = e.getKey().substring(0, e.getKey().indexOf(' '));
            String path = e.getKey().substring(e.getKey().indexOf(' ') + 1).replace("{id}", "pv-rathaus.active_power");
            StringBuilder query = new StringBuilder();
            for (String p : e.getValue().params()) {
                if (p.contains(":query:")) {
                    query.append(query.length() == 0 ? "?" : "&").append(p, 0, p.indexOf(':')).append("=x");
                }
            }
            HttpResponse<byte[]> r = api.send(method, path + query, admin, method.equals("POST") ? new byte[0] : null);
            assertThat(r.statusCode()).as(e.getKey()).isNotIn(405, 500);
            assertThat(text(r)).as(e.getKey()).doesNotContain("unknown query parameter");
            HttpResponse<byte[]> extra = api.send(method, path + (query.length() == 0 ? "?" : query + "&") + "undocumented=1",
                    admin, method.equals("POST") ? new byte[0] : null);
            assertThat(extra.statusCode()).as(e.getKey()).isEqualTo(400);
            assertThat(text(extra)).as(e.getKey()).contains("unknown query parameter 'undocumented'");
        }
    }

    // ---- edges (S3 and header hygiene)

    @Test
    void healthAndMetricsAreOnlyOnTheManagementPort() {
        for (String p : List.of("/observe/health", "/observe/health/ready", "/observe/metrics", "/q/dev", "/q/jolokia")) {
            assertThat(api.get(p, null).statusCode()).as(p + " on the business port").isEqualTo(404);
            assertThat(api.get(p, KEY_A).statusCode()).as(p + " on the business port").isEqualTo(404);
        }
        ApiClient management = new ApiClient(MANAGEMENT_PORT);
        // liveness is UP; overall health may be DOWN while a field connection is still coming up
        assertThat(management.get("/observe/health/live", null).statusCode()).isEqualTo(200);
        assertThat(text(management.get("/observe/health", null))).contains("\"checks\"");
        assertThat(text(management.get("/observe/metrics", null))).contains("camel");
    }

    @Test
    void requestHeadersAreNotEchoedAndInboundCamelHeadersHaveNoEffect() {
        HttpResponse<byte[]> r = api.get("/api/v1/datasets", KEY_A, "CamelHttpResponseCode", "500",
                "X-Secret", "s3cr3t", "CamelHttpUri", "/api/v1/admin/keys");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("Authorization")
                || h.equalsIgnoreCase("X-Secret") || h.toLowerCase().startsWith("camel"));
        assertThat(json(r).path("items").findValuesAsText("id")).containsExactly("weather", "renewable-generation");
    }
}
