package de.stadtwerk.hub.publish.export.ckan;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import de.stadtwerk.hub.publish.export.DeadLetter;
import de.stadtwerk.hub.publish.export.DeadLetterStore;
import de.stadtwerk.hub.publish.export.ExportDeadLetters;
import de.stadtwerk.hub.publish.export.ExportHttp;
import de.stadtwerk.hub.publish.export.Retrier;
import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.store.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CKAN export against a WireMock CKAN action API that checks the requests: token header, DCAT-AP.de metadata,
 * create then update, multipart upload as a new resource then as a new version of it, and the answers 401, 409
 * and 500 (parked with the cause, replayed).
 */
class CkanExportTest {

    private static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOi-ckan-token";
    private static final String API = "/api/3/action/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATASETS = """
            datasets:
              - name: verbrauch-stadt
                title: Tagesverbrauch der Stadt
                notes: Verbrauch je Tag.
                owner-org: stadtwerk
                license-id: dl-by-de/2.0
                maintainer: Open-Data-Team
                maintainer-email: opendata@stadtwerk.example
                publisher: {name: Stadtwerk, url: "https://www.stadtwerk.example"}
                contact: {name: Open-Data-Team, email: opendata@stadtwerk.example}
                contributor-id: [http://dcat-ap.de/def/contributors/stadtwerk]
                temporal: {start: 2024-01-01}
                spatial: {type: Point, coordinates: [7.15, 51.26]}
                tags: [Energie, Strom]
                groups: [ener]
                resources:
                  - feed: verbrauch
                    name: Tagesverbrauch (CSV)
                    description: Gestern, je Zähler
            """;

    @TempDir
    Path dir;

    WireMockServer wm;
    StoreDatabase db;
    DeadLetterStore deadLetters;
    CkanExport export;
    ExportDeadLetters operator;
    final List<Path> written = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        wm = new WireMockServer(wireMockConfig().dynamicPort());
        wm.start();
        db = TestDatabases.h2(dir.resolve("db"));
        Clock clock = Clock.fixed(Instant.parse("2024-06-03T10:00:00Z"), ZoneOffset.UTC);
        deadLetters = new DeadLetterStore(db.dataSource(), clock);
        CkanDatasets datasets = CkanDatasets.parse(new ObjectMapper(new YAMLFactory()).readTree(DATASETS), "test",
                "verbrauch"::equals);
        assertThat(datasets.errors()).isEmpty();
        FeedFiles files = feedId -> {
            Path f = Files.createTempFile(dir, "feed-", ".csv");
            Files.writeString(f, "\uFEFFZeitreihe;Wert\r\nm-1.energy_import;12,5\r\n", StandardCharsets.UTF_8);
            written.add(f);
            return new FeedFiles.FeedFile(f, "verbrauch-2024-06-02.csv", "text/csv; charset=UTF-8", "CSV", 1);
        };
        export = new CkanExport(true, new CkanClient(new ExportHttp(Duration.ofSeconds(2), Duration.ofSeconds(5), "test"),
                wm.baseUrl() + "/", TOKEN), datasets, files, deadLetters, new Retrier(3, 10, 40), clock,
                ZoneId.of("Europe/Berlin"));
        operator = new ExportDeadLetters(deadLetters, List.of(export));
    }

    @AfterEach
    void tearDown() {
        wm.stop();
        db.close();
    }

    private static String ok(String result) {
        return "{\"success\":true,\"result\":" + result + "}";
    }

    private void portalWithoutTheDataset() {
        wm.stubFor(get(urlPathEqualTo(API + "package_show")).inScenario("p").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(404).withBody("{\"success\":false,\"error\":{\"message\":\"Not found\","
                        + "\"__type\":\"Not Found Error\"}}")));
        wm.stubFor(post(urlEqualTo(API + "package_create")).inScenario("p").willSetStateTo("created")
                .willReturn(okJson(ok("{\"id\":\"pkg-1\",\"name\":\"verbrauch-stadt\",\"resources\":[]}"))));
        wm.stubFor(get(urlPathEqualTo(API + "package_show")).inScenario("p").whenScenarioStateIs("created")
                .willReturn(okJson(ok("{\"id\":\"pkg-1\",\"name\":\"verbrauch-stadt\",\"resources\":[]}"))));
        wm.stubFor(post(urlEqualTo(API + "resource_create"))
                .willReturn(okJson(ok("{\"id\":\"res-1\",\"package_id\":\"pkg-1\"}"))));
    }

    private void portalWithTheDataset() {
        wm.resetAll();
        wm.stubFor(get(urlPathEqualTo(API + "package_show")).willReturn(okJson(ok("{\"id\":\"pkg-1\","
                + "\"name\":\"verbrauch-stadt\",\"extras\":[{\"key\":\"issued\",\"value\":\"2024-05-01\"},"
                + "{\"key\":\"govdata_note\",\"value\":\"set by the portal\"}],"
                + "\"resources\":[{\"id\":\"res-1\",\"name\":\"Renamed by an editor\",\"hub_feed\":\"verbrauch\"}]}"))));
        wm.stubFor(post(urlEqualTo(API + "package_patch")).willReturn(okJson(ok("{\"id\":\"pkg-1\"}"))));
        wm.stubFor(post(urlEqualTo(API + "resource_update")).willReturn(okJson(ok("{\"id\":\"res-1\"}"))));
    }

    @Test
    void createsTheDatasetWithItsMetadataAndUploadsTheFeedThenUpdatesBoth() throws Exception {
        portalWithoutTheDataset();

        CkanExport.RunResult first = export.publishAll();

        assertThat(first.published()).isEqualTo(1);
        assertThat(received()).allSatisfy(e -> assertThat(e.getRequest().getHeader("Authorization")).isEqualTo(TOKEN));
        assertThat(wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo(API + "package_show"))).get(0).queryParameter("id").firstValue()).isEqualTo("verbrauch-stadt");
        JsonNode created = JSON.readTree(only("POST", API + "package_create").getBodyAsString());
        assertThat(created.path("name").asText()).isEqualTo("verbrauch-stadt");
        assertThat(created.path("title").asText()).isEqualTo("Tagesverbrauch der Stadt");
        assertThat(created.path("owner_org").asText()).isEqualTo("stadtwerk");
        assertThat(created.path("license_id").asText()).isEqualTo("dl-by-de/2.0");
        assertThat(created.path("maintainer_email").asText()).isEqualTo("opendata@stadtwerk.example");
        assertThat(created.path("tags").toString()).isEqualTo("[{\"name\":\"Energie\"},{\"name\":\"Strom\"}]");
        assertThat(created.path("groups").toString()).isEqualTo("[{\"name\":\"ener\"}]");
        Map<String, String> extras = extras(created);
        assertThat(extras).containsEntry("contributorID", "[\"http://dcat-ap.de/def/contributors/stadtwerk\"]")
                .containsEntry("publisher_name", "Stadtwerk").containsEntry("publisher_url", "https://www.stadtwerk.example")
                .containsEntry("contact_email", "opendata@stadtwerk.example").containsEntry("temporal_start", "2024-01-01")
                .containsEntry("spatial", "{\"type\":\"Point\",\"coordinates\":[7.15,51.26]}")
                .containsEntry("issued", "2024-06-03").containsEntry("modified", "2024-06-03");

        var upload = only("POST", API + "resource_create");
        assertThat(upload.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
        String multipart = upload.getBodyAsString();
        assertThat(field(multipart, "package_id")).isEqualTo("pkg-1");
        assertThat(field(multipart, "name")).isEqualTo("Tagesverbrauch (CSV)");
        assertThat(field(multipart, "format")).isEqualTo("CSV");
        assertThat(field(multipart, "hub_feed")).isEqualTo("verbrauch");
        assertThat(multipart).contains("Content-Disposition: form-data; name=\"upload\"; filename=\"verbrauch-2024-06-02.csv\"\r\n"
                + "Content-Type: text/csv; charset=UTF-8\r\n\r\n\uFEFFZeitreihe;Wert\r\nm-1.energy_import;12,5\r\n\r\n--");
        assertThat(written).allSatisfy(f -> assertThat(f).doesNotExist());

        // second run: the portal has dataset and resource -> patch and a new version of the same resource
        portalWithTheDataset();
        assertThat(export.publishAll().published()).isEqualTo(1);
        assertThat(count("POST", API + "package_create")).isZero();
        assertThat(count("POST", API + "resource_create")).isZero();
        JsonNode patch = JSON.readTree(only("POST", API + "package_patch").getBodyAsString());
        assertThat(patch.path("id").asText()).isEqualTo("pkg-1");
        assertThat(extras(patch)).as("the portal's extra stays, issued is kept, modified moves")
                .containsEntry("govdata_note", "set by the portal").containsEntry("issued", "2024-05-01")
                .containsEntry("modified", "2024-06-03").containsEntry("publisher_name", "Stadtwerk");
        String update = only("POST", API + "resource_update").getBodyAsString();
        assertThat(field(update, "id")).isEqualTo("res-1");
        assertThat(update).doesNotContain("name=\"package_id\"").contains("m-1.energy_import;12,5");
        assertThat(received()).allSatisfy(e -> assertThat(e.getRequest().getHeader("Authorization")).isEqualTo(TOKEN));
    }

    @Test
    void aRefusedTokenIsNotRetriedStopsTheRunAndIsNeverInTheCause() {
        wm.stubFor(get(urlPathEqualTo(API + "package_show")).willReturn(aResponse().withStatus(401)
                .withBody("{\"success\":false,\"error\":{\"message\":\"Access denied\",\"__type\":\"Authorization Error\"}}")));

        CkanExport.RunResult r = export.publishAll();

        assertThat(r.stopped()).isTrue();
        assertThat(received()).hasSize(1);
        DeadLetter d = deadLetters.parked(CkanExport.TARGET).get(0);
        assertThat(d.itemKey()).isEqualTo("verbrauch-stadt");
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.cause()).contains("HTTP 401").contains("Access denied").doesNotContain(TOKEN);
    }

    @Test
    void aConflictOnCreateNamesTheValidationError() {
        wm.stubFor(get(urlPathEqualTo(API + "package_show")).willReturn(aResponse().withStatus(404)
                .withBody("{\"success\":false,\"error\":{\"__type\":\"Not Found Error\"}}")));
        wm.stubFor(post(urlEqualTo(API + "package_create")).willReturn(aResponse().withStatus(409).withBody(
                "{\"success\":false,\"error\":{\"__type\":\"Validation Error\",\"name\":[\"That URL is already in use.\"]}}")));

        CkanExport.RunResult r = export.publishAll();

        assertThat(r.parked()).isEqualTo(1);
        assertThat(r.stopped()).as("a refusal of one dataset does not stop the others").isFalse();
        assertThat(count("POST", API + "package_create")).as("not retried").isEqualTo(1);
        assertThat(deadLetters.parked(CkanExport.TARGET).get(0).cause()).contains("HTTP 409")
                .contains("That URL is already in use.");
        assertThat(count("POST", API + "resource_create")).isZero();
    }

    @Test
    void aPortalErrorIsRetriedParkedAndReplayedLaterRunsSupersedeIt() {
        wm.stubFor(get(urlPathEqualTo(API + "package_show")).willReturn(aResponse().withStatus(500)
                .withBody("{\"success\":false,\"error\":{\"message\":\"Internal Server Error\"}}")));

        CkanExport.RunResult r = export.publishAll();

        assertThat(r.stopped()).isTrue();
        assertThat(count("GET", API + "package_show")).isEqualTo(3);
        DeadLetter d = deadLetters.parked(CkanExport.TARGET).get(0);
        assertThat(d.attempts()).isEqualTo(3);
        assertThat(d.cause()).contains("failed after 3 attempt(s)").contains("HTTP 500");

        wm.resetAll();
        portalWithoutTheDataset();
        ExportDeadLetters.ReplayResult replay = operator.replayAll();
        assertThat(replay.replayed()).isEqualTo(1);
        assertThat(deadLetters.get(d.id()).orElseThrow().status()).isEqualTo(DeadLetter.REPLAYED);
        assertThat(count("POST", API + "package_create")).isEqualTo(1);
        assertThat(count("POST", API + "resource_create")).isEqualTo(1);

        // parked again, then the scheduled run goes through: the entry is superseded, nothing left to replay
        wm.resetAll();
        wm.stubFor(get(urlPathEqualTo(API + "package_show")).willReturn(aResponse().withStatus(503)));
        export.publishAll();
        assertThat(deadLetters.parked(CkanExport.TARGET)).hasSize(1);
        portalWithTheDataset();
        export.publishAll();
        assertThat(deadLetters.parked(CkanExport.TARGET)).isEmpty();
        assertThat(deadLetters.recent(1).get(0).status()).isEqualTo(DeadLetter.SUPERSEDED);
    }

    private List<ServeEvent> received() {
        List<ServeEvent> l = new ArrayList<>(wm.getAllServeEvents());
        Collections.reverse(l);
        return l;
    }

    private long count(String method, String path) {
        return received().stream().filter(e -> e.getRequest().getMethod().getName().equals(method)
                && e.getRequest().getUrl().startsWith(path)).count();
    }

    private com.github.tomakehurst.wiremock.verification.LoggedRequest only(String method, String path) {
        List<ServeEvent> l = received().stream().filter(e -> e.getRequest().getMethod().getName().equals(method)
                && e.getRequest().getUrl().startsWith(path)).toList();
        assertThat(l).as(method + " " + path).hasSize(1);
        return l.get(0).getRequest();
    }

    private static Map<String, String> extras(JsonNode dataset) {
        Map<String, String> m = new HashMap<>();
        dataset.path("extras").forEach(e -> m.put(e.path("key").asText(), e.path("value").asText()));
        return m;
    }

    /** A text field of a multipart/form-data body. */
    private static String field(String body, String name) {
        String marker = "Content-Disposition: form-data; name=\"" + name + "\"\r\n";
        int i = body.indexOf(marker);
        assertThat(i).as("multipart field " + name).isGreaterThanOrEqualTo(0);
        int start = body.indexOf("\r\n\r\n", i) + 4;
        return body.substring(start, body.indexOf("\r\n--", start));
    }
}
