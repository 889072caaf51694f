package de.stadtwerk.hub.publish.export;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import de.stadtwerk.hub.ingest.IngestResult;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.publish.export.ckan.CkanExport;
import de.stadtwerk.hub.publish.export.sensorthings.SensorThingsPush;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The export routes with the real route and configuration files (config/ckan-datasets.yaml with the feeds of
 * config/feeds.yaml): a CKAN run through direct:ckan-export and a SensorThings run through direct:sensorthings-push
 * against WireMock on a free port (its URL handed over as system properties before the hub boots).
 */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {"camel.server.enabled=false", "camel.management.enabled=false",
            "hub.db.url=jdbc:h2:mem:exports-route-test;DB_CLOSE_DELAY=-1", "hub.data.dir=target/exports-route-test",
            "hub.embedded.mqtt.port=0", "hub.embedded.mqtt.persistence=in-memory", "hub.embedded.opcua.port=0",
            "hub.demo.enabled=false", "hub.opendata.run-at-start=false", "hub.energiewetter.startup-delay=600000",
            "hub.export.ckan.enabled=true", "hub.export.ckan.api-token=route-test-token",
            "hub.export.sensorthings.enabled=true", "hub.export.sensorthings.quantities=temperature",
            "hub.export.sensorthings.start=2024-01-01T00:00:00Z",
            "hub.export.ckan.cron=0 0 0 1 1 ? 2099", "hub.export.sensorthings.cron=0 0 0 1 1 ? 2099",
            "hub.export.retry.max-attempts=2", "hub.export.retry.initial-delay=10", "hub.export.retry.max-delay=20"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportsRouteTest {

    static final WireMockServer WM = new WireMockServer(wireMockConfig().dynamicPort());
    private static final String API = "/ckan/api/3/action/";

    static {
        WM.start();
        System.setProperty("hub.export.ckan.url", WM.baseUrl() + "/ckan");
        System.setProperty("hub.export.sensorthings.url", WM.baseUrl() + "/v1.1");
    }

    @BeanInject
    CamelContext context;

    @BeanInject
    ExportDeadLetters deadLetters;

    @AfterAll
    void stop() {
        WM.stop();
        System.clearProperty("hub.export.ckan.url");
        System.clearProperty("hub.export.sensorthings.url");
    }

    @Test
    void bothScheduleRoutesStart() {
        for (String id : List.of("publish-ckan-export", "publish-ckan-export-run", "publish-sensorthings-push",
                "publish-sensorthings-push-run", "publish-export-replay")) {
            assertThat(context.getRouteController().getRouteStatus(id)).as(id).isEqualTo(ServiceStatus.Started);
        }
    }

    @Test
    void theShippedDatasetIsCreatedWithItsFeedFileUploaded() {
        String ok = "{\"success\":true,\"result\":{\"id\":\"pkg-9\",\"name\":\"stadtwerk-energiewetter\",\"resources\":[]}}";
        WM.stubFor(get(urlPathEqualTo(API + "package_show")).inScenario("ckan").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(404).withBody("{\"success\":false,\"error\":{}}")));
        WM.stubFor(post(urlEqualTo(API + "package_create")).inScenario("ckan").willSetStateTo("created")
                .willReturn(okJson(ok)));
        WM.stubFor(get(urlPathEqualTo(API + "package_show")).inScenario("ckan").whenScenarioStateIs("created")
                .willReturn(okJson(ok)));
        WM.stubFor(post(urlEqualTo(API + "resource_create")).willReturn(okJson("{\"success\":true,\"result\":{}}")));

        CkanExport.RunResult r = context.createProducerTemplate().requestBody("direct:ckan-export", null,
                CkanExport.RunResult.class);

        assertThat(r.published()).isEqualTo(1);
        ServeEvent upload = events(API + "resource_create").get(0);
        assertThat(upload.getRequest().getHeader("Authorization")).isEqualTo("route-test-token");
        assertThat(upload.getRequest().getBodyAsString()).contains("filename=\"energiewetter-")
                .contains("\"feed\":\"energiewetter-presse\"").contains("name=\"package_id\"\r\n");
        assertThat(events(API + "package_create").get(0).getRequest().getBodyAsString())
                .contains("\"license_id\":\"dl-by-de/2.0\"").contains("\"key\":\"contributorID\"");
    }

    @Test
    void storedValuesArePushedOnceThroughTheRoute() {
        StaFixture.serverWithNothing(WM);
        Instant t0 = Instant.parse("2024-06-03T10:00:00Z");
        List<Observation> obs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            obs.add(Observation.of("rt-1", "temperature", 11.5 + i, "Cel", t0.plus(Duration.ofMinutes(10L * i))));
        }
        IngestResult stored = context.createProducerTemplate().requestBody("direct:ingest", obs, IngestResult.class);
        assertThat(stored.stored()).isEqualTo(3);

        SensorThingsPush.RunResult first = context.createProducerTemplate().requestBody("direct:sensorthings-push",
                null, SensorThingsPush.RunResult.class);
        SensorThingsPush.RunResult second = context.createProducerTemplate().requestBody("direct:sensorthings-push",
                null, SensorThingsPush.RunResult.class);

        assertThat(first.observations()).isEqualTo(3);
        assertThat(second.observations()).isZero();
        assertThat(events("/v1.1/CreateObservations")).hasSize(1);
        assertThat(events("/v1.1/Datastreams")).filteredOn(e -> e.getRequest().getMethod().getName().equals("POST"))
                .hasSize(1);
        assertThat(deadLetters.parked()).isEmpty();
        ExportDeadLetters.ReplayResult nothing = context.createProducerTemplate().requestBody("direct:export-replay",
                null, ExportDeadLetters.ReplayResult.class);
        assertThat(nothing.replayed() + nothing.failed() + nothing.waiting()).isZero();
    }

    private static List<ServeEvent> events(String urlPrefix) {
        return WM.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().startsWith(urlPrefix)).toList();
    }
}
