package de.stadtwerk.hub.publish.export;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import de.stadtwerk.hub.ingest.IngestResult;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.publish.export.sensorthings.SensorThingsPush;
import de.stadtwerk.hub.store.ObservationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * F9 on the running routes: the push runs every second (Quartz) while values of three series keep arriving; the
 * SensorThings server goes down (connections reset) for a while and comes back. Batches are retried, parked with
 * their cause, the parked series get nothing newer; after the operator's replay every stored value is on the
 * server exactly once and in order.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {"camel.server.enabled=false", "camel.management.enabled=false",
            "hub.db.url=jdbc:h2:mem:sta-outage-route-test;DB_CLOSE_DELAY=-1", "hub.data.dir=target/sta-outage-route-test",
            "hub.embedded.mqtt.port=0", "hub.embedded.mqtt.persistence=in-memory", "hub.embedded.opcua.port=0",
            "hub.opcua.enabled=false", "hub.embedded.opcua.enabled=false", "hub.demo.enabled=false", "hub.opendata.run-at-start=false", "hub.energiewetter.startup-delay=600000",
            "hub.export.sensorthings.enabled=true", "hub.export.sensorthings.quantities=level",
            "hub.export.sensorthings.start=2024-01-01T00:00:00Z", "hub.export.sensorthings.cron=* * * * * ?",
            "hub.export.sensorthings.batch-size=20",
            "hub.export.retry.max-attempts=3", "hub.export.retry.initial-delay=100", "hub.export.retry.max-delay=400"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SensorThingsOutageRouteTest {

    private static final Logger LOG = LoggerFactory.getLogger(SensorThingsOutageRouteTest.class);
    static final WireMockServer WM = new WireMockServer(wireMockConfig().dynamicPort());
    private static final List<String> ASSETS = List.of("wt-1", "wt-2", "wt-3");
    private static final Instant T0 = Instant.parse("2024-06-03T00:00:00Z");
    /** How long the server is down: 5 s by default, -Dhub.test.f9.outage=PT10M for the catalogue's 10 minutes. */
    private static final Duration OUTAGE = Duration.parse(System.getProperty("hub.test.f9.outage", "PT5S"));

    static {
        WM.start();
        StaFixture.serverWithNothing(WM);
        System.setProperty("hub.export.sensorthings.url", WM.baseUrl() + "/v1.1");
    }

    @BeanInject
    CamelContext context;
    @BeanInject
    ExportDeadLetters deadLetters;
    @BeanInject
    ObservationStore store;

    @AfterAll
    void stop() {
        WM.stop();
        System.clearProperty("hub.export.sensorthings.url");
    }

    private int next;

    /** One value per series (10-second steps from T0), through the ingest pipeline. */
    private void ingestRound(ProducerTemplate p) {
        List<Observation> obs = new ArrayList<>();
        Instant t = T0.plus(Duration.ofSeconds(10L * next++));
        for (String a : ASSETS) {
            obs.add(Observation.of(a, "level", 2.0 + next / 100.0, "m", t));
        }
        assertThat(p.requestBody("direct:ingest", obs, IngestResult.class).stored()).isEqualTo(3);
    }

    @Test
    void targetDownWhileValuesArriveNothingLostNothingDoubledOrderKept() throws Exception {
        ProducerTemplate p = context.createProducerTemplate();
        // up: values flow
        for (int i = 0; i < 10; i++) {
            ingestRound(p);
            Thread.sleep(100);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> StaFixture.observationsSent(WM).values().stream()
                .mapToInt(List::size).sum() >= 3);

        // down: every request is reset; values keep coming
        StubMapping down = WM.stubFor(any(anyUrl()).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        long downSince = System.nanoTime();
        do {
            ingestRound(p);
            Thread.sleep(100);
        } while (System.nanoTime() - downSince < OUTAGE.toNanos());
        await().atMost(Duration.ofSeconds(90)).until(() -> deadLetters.parked().size() >= 3);
        long downMs = (System.nanoTime() - downSince) / 1_000_000;
        assertThat(deadLetters.parked()).allSatisfy(d -> {
            assertThat(d.target()).isEqualTo(SensorThingsPush.TARGET);
            assertThat(d.attempts()).isEqualTo(3);
            assertThat(d.cause()).contains("failed after 3 attempt(s)");
        });

        // back up; more values; the parked series get nothing newer until the replay
        WM.removeStub(down);
        for (int i = 0; i < 10; i++) {
            ingestRound(p);
            Thread.sleep(100);
        }
        Map<String, List<String>> beforeReplay = StaFixture.observationsSent(WM);
        Thread.sleep(2500); // scheduled runs happen meanwhile; they must not send anything of a parked series
        assertThat(StaFixture.observationsSent(WM)).isEqualTo(beforeReplay);

        long up = System.nanoTime();
        ExportDeadLetters.ReplayResult replay = deadLetters.replayAll();
        assertThat(replay.failed()).isZero();
        int total = next;
        await().atMost(Duration.ofSeconds(90).plusMillis(total * 20L)).until(() -> {
            Map<String, List<String>> s = StaFixture.observationsSent(WM);
            return ASSETS.stream().allMatch(a -> s.getOrDefault(a + ".level", List.of()).size() >= total);
        });
        LOG.info("F9: target down {} ms, {} values per series, {} parked batches replayed, all delivered {} ms after"
                + " the replay started", downMs, total, replay.replayed(), (System.nanoTime() - up) / 1_000_000);

        Map<String, List<String>> sent = StaFixture.observationsSent(WM);
        for (String a : ASSETS) {
            List<String> stored = store.find(a + ".level", T0, T0.plus(Duration.ofDays(1))).stream()
                    .map(o -> o.start().toString()).toList();
            assertThat(stored).hasSize(total);
            List<String> got = sent.get(a + ".level");
            assertThat(new HashSet<>(got)).as("nothing doubled").hasSize(got.size());
            assertThat(got).as("nothing lost, in order").isEqualTo(stored);
        }
        assertThat(deadLetters.parked()).isEmpty();
    }
}
