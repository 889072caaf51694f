package de.stadtwerk.hub.opendata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import de.stadtwerk.hub.model.Forecast;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.quarantine.QuarantinedItem;
import de.stadtwerk.hub.store.DatasetCatalogue;
import de.stadtwerk.hub.store.ForecastStore;
import de.stadtwerk.hub.store.ObservationStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The open-data routes in live mode against WireMock serving the real samples: conditional requests and 304,
 * 429 with Retry-After, 503 then success, a truncated body, an HTML error page with status 200, and the circuit
 * breaker of a portal that is down. The portal URLs point at WireMock on a free port (system properties, set
 * before the hub boots and cleared afterwards).
 */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {"camel.server.enabled=false", "camel.management.enabled=false",
            "hub.db.url=jdbc:h2:mem:opendata-live-test;DB_CLOSE_DELAY=-1", "hub.data.dir=target/opendata-live-test",
            "hub.opendata.mode=live", "hub.opendata.run-at-start=false",
            "hub.opendata.retry.max-attempts=2", "hub.opendata.retry.initial-delay=PT0.05S",
            "hub.opendata.retry.max-delay=PT0.1S", "hub.opendata.retry.max-retry-after=PT10S",
            "hub.opendata.breaker.minimum-calls=2", "hub.opendata.breaker.window=2",
            "hub.opendata.smard.filters=4068", "hub.opendata.smard.chunks=1", "hub.retry.max-attempts=0"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenDataLiveRouteTest {

    static final WireMockServer WM = new WireMockServer(wireMockConfig().dynamicPort());
    private static final List<String> KEYS = List.of("hub.opendata.mosmix.url", "hub.opendata.smard.url",
            "hub.opendata.openmeteo.url", "hub.opendata.mastr.url", "hub.opendata.ckan.url");

    static {
        WM.start();
        String base = "http://127.0.0.1:" + WM.port();
        System.setProperty("hub.opendata.mosmix.url", base + "/mosmix/{station}.kmz");
        System.setProperty("hub.opendata.smard.url", base + "/smard");
        System.setProperty("hub.opendata.openmeteo.url", base + "/om/v1/forecast");
        System.setProperty("hub.opendata.mastr.url", base + "/mastr/export.zip");
        System.setProperty("hub.opendata.ckan.url", base + "/ckan");
    }

    @BeanInject
    CamelContext context;
    @BeanInject
    ForecastStore forecasts;
    @BeanInject
    ObservationStore observations;
    @BeanInject
    DatasetCatalogue catalogue;
    @BeanInject
    QuarantineStore quarantine;
    @BeanInject
    OpenDataGateway gateway;

    @AfterAll
    void stop() {
        WM.stop();
        KEYS.forEach(System::clearProperty);
    }

    private void run(String source) {
        ProducerTemplate p = context.createProducerTemplate();
        p.sendBody("direct:opendata-" + source + "-run", null);
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = OpenDataLiveRouteTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }

    private List<QuarantinedItem> quarantined(String source) {
        return quarantine.list(null, 100).stream().filter(q -> source.equals(q.source())).toList();
    }

    @Test
    void smardSendsConditionalRequestsAndSkipsA304() throws IOException {
        String index = "/smard/4068/DE/index_hour.json";
        String file = "/smard/4068/DE/4068_DE_hour_1655676000000.json";
        WM.stubFor(get(index).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"idx-1\"")
                .withBody(resource("opendata-replay/smard/4068/DE/index_hour.json"))));
        WM.stubFor(get(index).withHeader("If-None-Match", equalTo("\"idx-1\"")).willReturn(aResponse().withStatus(304)));
        WM.stubFor(get(file).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"w25-1\"")
                .withHeader("Last-Modified", "Mon, 27 Jun 2022 06:00:00 GMT")
                .withBody(resource("opendata-replay/smard/4068/DE/4068_DE_hour_1655676000000.json"))));
        WM.stubFor(get(file).withHeader("If-None-Match", equalTo("\"w25-1\"")).willReturn(aResponse().withStatus(304)));

        run("smard");
        Instant from = Instant.parse("2022-06-19T22:00:00Z");
        List<Observation> first = observations.find("smard-de.energy.solar", from, from.plus(Duration.ofDays(7)));
        assertThat(first).hasSize(168);
        WM.verify(getRequestedFor(urlPathEqualTo(file)).withHeader("If-None-Match", absent())
                .withHeader("User-Agent", containing("StadtwerkHub")));

        run("smard");
        // the index answered 304 but its kept body still listed the file; the file answered 304 too
        WM.verify(2, getRequestedFor(urlPathEqualTo(file)));
        WM.verify(getRequestedFor(urlPathEqualTo(file)).withHeader("If-None-Match", equalTo("\"w25-1\""))
                .withHeader("If-Modified-Since", equalTo("Mon, 27 Jun 2022 06:00:00 GMT")));
        WM.verify(getRequestedFor(urlPathEqualTo(index)).withHeader("If-None-Match", equalTo("\"idx-1\"")));
        assertThat(gateway.status().get("smard").lastAnswer()).isEqualTo(OpenDataAnswer.Status.UNCHANGED);
        assertThat(observations.find("smard-de.energy.solar", from, from.plus(Duration.ofDays(7)))).isEqualTo(first);
        assertThat(quarantined("smard")).isEmpty();
    }

    @Test
    void openMeteoWaitsAsARetryAfterOn429Asks() throws IOException {
        String path = "/om/v1/forecast";
        WM.stubFor(get(urlPathEqualTo(path)).inScenario("om").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        WM.stubFor(get(urlPathEqualTo(path)).inScenario("om").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(resource("opendata-replay/open-meteo/forecast_om-muenster.json"))));

        run("openmeteo");

        List<LoggedRequest> requests = WM.findAll(getRequestedFor(urlPathEqualTo(path)));
        assertThat(requests).hasSize(2);
        long gap = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(gap).as("ms between the 429 and the retry").isGreaterThanOrEqualTo(1000);
        assertThat(requests.get(0).queryParameter("latitude").firstValue()).isEqualTo("51.9607");
        List<Forecast> wind = forecasts.latest("om-muenster.wind_speed.10m", Instant.parse("2024-03-30T00:00:00Z"),
                Instant.parse("2024-04-01T00:00:00Z"), ForecastStore.NEWEST);
        assertThat(wind).isNotEmpty().allSatisfy(f -> assertThat(f.model()).isEqualTo("Open-Meteo"));
    }

    @Test
    void ckanRetriesA503ThenQuarantinesATruncatedAnswerAndKeepsTheCatalogue() throws IOException {
        String path = "/ckan/api/3/action/package_search";
        byte[] search = resource("opendata-replay/ckan/package_search.json");
        WM.stubFor(get(urlPathEqualTo(path)).inScenario("ckan").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        WM.stubFor(get(urlPathEqualTo(path)).inScenario("ckan").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody(search)));

        run("ckan");
        WM.verify(2, getRequestedFor(urlPathEqualTo(path)).withQueryParam("q", equalTo("energie")));
        assertThat(catalogue.list()).hasSize(3);
        assertThat(quarantined("ckan")).isEmpty();

        WM.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withBody(Arrays.copyOf(search, search.length / 2))));
        run("ckan");

        assertThat(quarantined("ckan")).singleElement().satisfies(q -> {
            assertThat(q.reason()).contains("/ckan/api/3/action/package_search?q=energie").contains("package_search");
            assertThat(q.payload()).hasSizeLessThan(search.length);
        });
        assertThat(catalogue.list()).hasSize(3);

        run("ckan");
        assertThat(quarantined("ckan")).as("the same broken answer is not quarantined twice").hasSize(1);
    }

    @Test
    void mosmixQuarantinesAnHtmlErrorPageServedWith200AndKeepsTheForecasts() throws IOException {
        String path = "/mosmix/P0036.kmz";
        WM.stubFor(get(path).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/vnd.google-earth.kmz")
                .withBody(resource("opendata-replay/dwd/MOSMIX_L_LATEST_P0036.kmz"))));
        run("mosmix");
        Instant issue = Instant.parse("2023-04-12T09:00:00Z");
        List<Forecast> before = forecasts.latest("dwd-P0036.temperature", issue, issue.plus(Duration.ofDays(11)),
                ForecastStore.NEWEST);
        assertThat(before).hasSize(247);

        WM.stubFor(get(path).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<!DOCTYPE html><html><head><title>503 Wartungsarbeiten</title></head>"
                        + "<body><h1>Wartungsarbeiten</h1></body></html>")));
        run("mosmix");

        assertThat(quarantined("dwd-mosmix")).singleElement().satisfies(q -> {
            assertThat(q.reason()).startsWith("http://127.0.0.1:" + WM.port() + path + ": ");
            assertThat(q.payload()).contains("Wartungsarbeiten");
            assertThat(q.routeId()).isEqualTo("opendata-mosmix-run");
        });
        assertThat(forecasts.latest("dwd-P0036.temperature", issue, issue.plus(Duration.ofDays(11)),
                ForecastStore.NEWEST)).isEqualTo(before);
    }

    @Test
    void theCircuitBreakerStopsAskingAPortalThatIsDown() {
        String path = "/mastr/export.zip";
        WM.stubFor(get(path).willReturn(aResponse().withStatus(503)));

        run("mastr");
        run("mastr");
        WM.verify(4, getRequestedFor(urlPathEqualTo(path)));
        assertThat(gateway.status().get("mastr").available()).isFalse();

        run("mastr");
        WM.verify(4, getRequestedFor(urlPathEqualTo(path)));
        assertThat(gateway.status().get("mastr").lastProblem()).contains("circuit breaker open");
        assertThat(quarantined("mastr")).isEmpty();
        Path downloads = Path.of("target/opendata-live-test/opendata/downloads");
        assertThat(!Files.exists(downloads) || downloads.toFile().list().length == 0).isTrue();
    }
}
