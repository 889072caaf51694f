package de.stadtwerk.hub.opendata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import de.stadtwerk.hub.model.Forecast;
import de.stadtwerk.hub.process.ReliabilityFigures;
import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.store.ForecastStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.apache.camel.test.main.junit5.CamelMainTest;

/**
 * RELIABILITY F8: one open-data portal (Open-Meteo, live mode, WireMock on a free port) that answers well once and
 * then fails in every way the catalogue names: 429 with Retry-After, malformed JSON, a 10 MB body, a 30 s stall and a
 * 500. Checked: Retry-After honoured, the body limit and the request timeout enforced (the stall ends long before
 * 30 s), the circuit breaker opens after its threshold and then does not ask the portal, the last good forecast
 * stays, the failure metric counts, the hub stays up. Own context (own breaker state), figures in
 * target/reliability/F8.json.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {"camel.server.enabled=false", "camel.management.enabled=false",
            "hub.db.url=jdbc:h2:mem:opendata-faults-test;DB_CLOSE_DELAY=-1", "hub.data.dir=target/opendata-faults-test",
            "hub.opendata.mode=live", "hub.opendata.run-at-start=false", "hub.embedded.opcua.port=0",
            "hub.embedded.mqtt.port=0", "hub.embedded.mqtt.persistence=in-memory", "hub.demo.enabled=false",
            "hub.opendata.retry.max-attempts=2", "hub.opendata.retry.initial-delay=PT0.05S",
            "hub.opendata.retry.max-delay=PT0.1S", "hub.opendata.retry.max-retry-after=PT10S",
            "hub.opendata.request-timeout=PT5S", "hub.opendata.max-body-bytes=5000000",
            "hub.opendata.breaker.minimum-calls=2", "hub.opendata.breaker.window=2", "hub.retry.max-attempts=0"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenDataFaultsRouteTest {

    static final WireMockServer WM = new WireMockServer(wireMockConfig().dynamicPort());
    private static final String PATH = "/om/v1/forecast";
    private static final String SERIES = "om-muenster.wind_speed.10m";

    static {
        WM.start();
        System.setProperty("hub.opendata.openmeteo.url", "http://127.0.0.1:" + WM.port() + PATH);
    }

    @BeanInject
    CamelContext context;
    @BeanInject
    ForecastStore forecasts;
    @BeanInject
    QuarantineStore quarantine;
    @BeanInject
    OpenDataGateway gateway;

    @AfterAll
    void stop() {
        WM.stop();
        System.clearProperty("hub.opendata.openmeteo.url");
    }

    private void run() {
        context.createProducerTemplate().sendBody("direct:opendata-openmeteo-run", null);
    }

    private List<Forecast> wind() {
        return forecasts.latest(SERIES, Instant.parse("2024-03-30T00:00:00Z"), Instant.parse("2024-04-01T00:00:00Z"),
                ForecastStore.NEWEST);
    }

    private double failures(String reason) {
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        assertThat(registry).as("the hub's meter registry").isNotNull();
        Counter c = registry.find("hub.opendata.fetch.failures").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    private int requests() {
        return WM.findAll(getRequestedFor(urlPathEqualTo(PATH))).size();
    }

    private static byte[] good() throws IOException {
        try (InputStream in = OpenDataFaultsRouteTest.class.getClassLoader()
                .getResourceAsStream("opendata-replay/open-meteo/forecast_om-muenster.json")) {
            return in.readAllBytes();
        }
    }

    @Test
    void aFailingPortalNeverCostsTheLastGoodDataOrTheHub() throws IOException {
        // 429 with Retry-After 1, then the good answer
        WM.stubFor(get(urlPathEqualTo(PATH)).inScenario("portal").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("good"));
        WM.stubFor(get(urlPathEqualTo(PATH)).inScenario("portal").whenScenarioStateIs("good")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(good())));
        run();
        List<LoggedRequest> first = WM.findAll(getRequestedFor(urlPathEqualTo(PATH)));
        assertThat(first).hasSize(2);
        long retryAfterGap = first.get(1).getLoggedDate().getTime() - first.get(0).getLoggedDate().getTime();
        assertThat(retryAfterGap).as("Retry-After: 1 honoured").isGreaterThanOrEqualTo(1000);
        List<Forecast> lastGood = wind();
        assertThat(lastGood).isNotEmpty();

        // malformed JSON: quarantined with the URL, not a portal failure (parsing is outside the breaker)
        WM.resetAll();
        WM.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"hourly\": {\"time\": [\"2024-03-")));
        run();
        assertThat(quarantine.list(null, 100)).anySatisfy(q -> assertThat(q.reason()).contains(PATH));
        assertThat(failures("failed")).isZero();

        // 10 MB body over the 5 MB limit: refused before parsing, quarantined with the reason (a bad answer, not a
        // portal failure, so it does not count towards the breaker)
        WM.resetAll();
        byte[] big = new byte[10 * 1024 * 1024];
        Arrays.fill(big, (byte) ' ');
        WM.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(big)));
        run();
        assertThat(quarantine.list(null, 100)).anySatisfy(q -> assertThat(q.reason()).contains("larger than 5000000 bytes"));

        // 30 s stall: the request timeout (5 s, 2 attempts) ends it long before; a portal failure, counted
        WM.resetAll();
        WM.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withFixedDelay(30_000).withBody(good())));
        long t = System.nanoTime();
        run();
        long stallMs = (System.nanoTime() - t) / 1_000_000;
        assertThat(stallMs).as("timeouts enforced").isLessThan(25_000);
        assertThat(failures("failed")).isEqualTo(1);

        // 500: a failure; with the stall that is the threshold (2 calls, 50 %), the breaker opens and the next run
        // does not ask the portal at all
        WM.resetAll();
        WM.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(500)));
        run();
        WM.resetRequests();
        run();
        assertThat(requests()).as("circuit breaker open: portal not asked").isZero();
        assertThat(failures("short-circuited")).isGreaterThanOrEqualTo(1);
        assertThat(failures("failed") + failures("short-circuited")).isEqualTo(3);

        assertThat(wind()).as("last good data kept").isEqualTo(lastGood);
        assertThat(HealthCheckHelper.invokeLiveness(context)).allSatisfy(r ->
                assertThat(r.getState()).isEqualTo(HealthCheck.State.UP));
        assertThat(context.getRouteController().getRouteStatus("opendata-openmeteo-run").isStarted()).isTrue();
        new ReliabilityFigures("F8", "open-data portal: 429+Retry-After, malformed JSON, 10 MB body, 30 s stall, 500")
                .put("load", "one portal, 7 runs").put("lost", 0).put("doubled", 0)
                .put("retryAfterGapMs", retryAfterGap).put("stallEndedAfterMs", stallMs)
                .put("failuresCounted", failures("failed")).put("shortCircuited", failures("short-circuited"))
                .put("recovery", "breaker open after 2 failed fetches; last good forecast kept; hub UP").write();
    }
}
