package de.stadtwerk.hub.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import de.stadtwerk.hub.forecast.EnergiewetterFixtures;
import de.stadtwerk.hub.ingest.ObservationJson;
import de.stadtwerk.hub.store.ForecastStore;
import de.stadtwerk.hub.store.SeriesRegistry;
import de.stadtwerk.hub.store.StoreDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Energiewetter of the real hub jar: API, page, clock face and a headless Chromium that renders the page. The
 * store is prepared with the recorded MOSMIX run of 2023 (station P0036), as on the embedded defaults in replay mode;
 * a second hub in live mode must not shift it and answers 503.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnergiewetterIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Pattern COLOURED = Pattern.compile("<path class=\"segment level-(green|yellow|red)[^\"]*\" data-hour=\"\\d+\"");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path replayDir;
    @TempDir
    static Path liveDir;
    HubProcess replay;
    HubProcess live;

    @BeforeAll
    void startTwoHubs() {
        replay = start(replayDir, "replay");
        live = start(liveDir, "live");
        awaitUp(replay);
        awaitUp(live);
    }

    @AfterAll
    void stop() {
        if (replay != null) {
            replay.close();
        }
        if (live != null) {
            live.close();
        }
    }

    private static HubProcess start(Path dir, String mode) {
        HubProcess hub = new HubProcess(dir);
        StoreDatabase db = StoreDatabase.open("", "", "", 2, dir.resolve("data"));
        try {
            db.migrate();
            new ForecastStore(db.dataSource(), db.dialect(), new SeriesRegistry(db.dialect(), Clock.systemUTC()), 500)
                    .write(EnergiewetterFixtures.recordedRun());
        } finally {
            db.close();
        }
        return hub.start(Map.of("hub.energiewetter.weather-asset", EnergiewetterFixtures.ASSET, "hub.opendata.mode", mode,
                "hub.energiewetter.startup-delay", "1000"), Map.of());
    }

    private static void awaitUp(HubProcess hub) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(hub.isAlive()).as("hub running; log:\n" + hub.logText()).isTrue();
            HttpResponse<String> r = hub.get("/energiewetter.svg");
            assertThat(r).isNotNull();
            assertThat(r.statusCode()).isEqualTo(200);
        });
    }

    static HttpResponse<String> get(HubProcess hub, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port + path))
                .timeout(Duration.ofSeconds(30)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void theApiAnswers72HoursFromTheReplayedRunWithInputsAndAttribution() throws Exception {
        HttpResponse<String> r = get(replay, "/api/v1/energiewetter?hours=72");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode json = ObservationJson.MAPPER.readTree(r.body());
        assertThat(json.path("hours")).hasSize(72);
        assertThat(json.path("hours").get(0).path("level").asText()).isIn("green", "yellow", "red");
        assertThat(json.path("issuedAt").asText()).isNotBlank();
        JsonNode weather = json.path("inputs").path("weather");
        assertThat(weather.path("run").asText()).isEqualTo("2023-04-12T09:00:00Z");
        assertThat(weather.path("replayed").asBoolean()).isTrue();
        assertThat(weather.path("asset").asText()).isEqualTo(EnergiewetterFixtures.ASSET);
        assertThat(json.path("inputs").path("plants").path("pv").findValuesAsText("id")).contains("pv-rathaus");
        assertThat(json.path("inputs").path("plants").path("wind").findValuesAsText("id")).contains("wind-nord");
        assertThat(json.path("attribution").findValuesAsText("text")).contains("Datenbasis: Deutscher Wetterdienst");
        assertThat(json.path("bestWindows").size()).isGreaterThanOrEqualTo(2);

        JsonNode nord = ObservationJson.MAPPER.readTree(get(replay, "/api/v1/energiewetter?hours=6&area=nord").body());
        assertThat(nord.path("area").path("id").asText()).isEqualTo("nord");
        assertThat(nord.path("hours")).hasSize(6);

        JsonNode quarters = ObservationJson.MAPPER.readTree(get(replay, "/api/v1/energiewetter?hours=6&resolution=15min").body());
        assertThat(quarters.path("resolution").asText()).isEqualTo("15min");
        assertThat(quarters.path("quarterHours")).hasSize(24);
        assertThat(quarters.path("quarterHours").get(1).path("start").asText())
                .isEqualTo(quarters.path("quarterHours").get(0).path("end").asText());
        assertThat(quarters.path("quarterHours").get(0).path("level").asText()).isIn("green", "yellow", "red");
        assertThat(json.path("resolution").asText()).isEqualTo("1h");
    }

    @Test
    void badParametersGetProblemJson400AndInboundCamelHeadersDoNothing() throws Exception {
        for (String q : List.of("hours=0", "hours=73", "hours=abc", "hours=", "area=atlantis", "area=%27%3B+DROP+TABLE+x",
                "resolution=5min")) {
            HttpResponse<String> r = get(replay, "/api/v1/energiewetter?" + q);
            if (q.equals("hours=")) {
                assertThat(r.statusCode()).as("blank hours is the default").isEqualTo(200);
                continue;
            }
            assertThat(r.statusCode()).as(q + ": " + r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            JsonNode p = ObservationJson.MAPPER.readTree(r.body());
            assertThat(p.path("status").asInt()).isEqualTo(400);
            assertThat(p.path("detail").asText()).containsAnyOf("hours", "area", "resolution");
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("at de.");
        }
        HttpResponse<String> r = get(replay, "/api/v1/energiewetter", "CamelHttpResponseCode", "418",
                "CamelHttpQuery", "hours=0", "X-Private", "secret-123");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().map().toString()).doesNotContain("secret-123").doesNotContainIgnoringCase("camel");
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replay.port
                + "/api/v1/energiewetter")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        // like every other API path: a method no operation takes is a 404 problem+json (docs/partner-api.md)
        assertThat(post.statusCode()).isEqualTo(404);
        assertThat(post.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void thePageAndTheSvgShowTheClockWith24ColouredSegments() throws Exception {
        HttpResponse<String> page = get(replay, "/energiewetter");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("Energiewetter", "Heute", "Beste Stunden:", "id=\"replayed\"");
        assertThat(COLOURED.matcher(page.body()).results().count()).isEqualTo(24);
        HttpResponse<String> svg = get(replay, "/energiewetter.svg?area=elberfeld");
        assertThat(svg.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
        assertThat(COLOURED.matcher(svg.body()).results().count()).isEqualTo(24);
        assertThat(get(replay, "/energiewetter.svg?area=atlantis").statusCode()).isEqualTo(400);
    }

    @Test
    void headlessChromiumRendersTheClockWith24ColouredSegments() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "/usr/bin/chromium is missing: install Debian's chromium"
                + " and chromium-driver (.ci/run does) to run the browser test");
        Path profile = Files.createTempDirectory("ew-chromium");
        Path out = profile.resolve("dom.html");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.resolve("profile"), "--dump-dom",
                "http://127.0.0.1:" + replay.port + "/energiewetter")
                .redirectOutput(out.toFile()).redirectError(profile.resolve("err.txt").toFile()).start();
        try {
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        String dom = Files.readString(out);
        String err = Files.readString(profile.resolve("err.txt"));
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        assertThat(dom).as("rendered DOM; chromium said: " + err).contains("<svg");
        assertThat(COLOURED.matcher(dom).results().count()).isEqualTo(24);
        assertThat(dom).contains("Beste Stunden:");
    }

    @Test
    void inLiveModeTheRecordedRunIsNotShiftedAndTheApiSays503() throws Exception {
        HttpResponse<String> r = get(live, "/api/v1/energiewetter");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(ObservationJson.MAPPER.readTree(r.body()).path("detail").asText())
                .contains("no weather forecast for " + EnergiewetterFixtures.ASSET);
        HttpResponse<String> page = get(live, "/energiewetter");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Noch keine Wettervorhersage");
        assertThat(COLOURED.matcher(page.body()).results().count()).isZero();
    }
}
