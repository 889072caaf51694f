package de.stadtwerk.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.stadtwerk.hub.ingest.IngestResult;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.quarantine.QuarantineReplayer;
import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.quarantine.QuarantinedItem;
import de.stadtwerk.hub.store.ObservationStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The shared ingest pipeline and error handling, with the real route files from routes/. */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "camel.main.routes-include-pattern=file:routes/**/*.camel.yaml,classpath:test-routes/*.camel.yaml",
            "camel.server.enabled=false", "camel.management.enabled=false",
            "hub.db.url=jdbc:h2:mem:ingest-route-test;DB_CLOSE_DELAY=-1", "hub.data.dir=target/ingest-route-test",
            "hub.embedded.mqtt.port=0", "hub.embedded.mqtt.persistence=in-memory", "hub.demo.enabled=false"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestRouteTest {

    @BeanInject
    CamelContext context;

    @BeanInject
    ObservationStore store;

    @BeanInject
    QuarantineStore quarantine;

    @BeanInject
    QuarantineReplayer replayer;

    private ProducerTemplate producer() {
        return context.createProducerTemplate();
    }

    @Test
    void jsonObservationsAreStoredThroughDirectIngest() {
        IngestResult r = producer().requestBodyAndHeader("direct:ingest", """
                [{"assetId":"route-m-1","quantity":"active_power","value":2.5,"unit":"kW","start":"2026-11-26T10:00:00+01:00"},
                 {"assetId":"route-m-1","quantity":"active_power","value":2.7,"unit":"kW","start":"2026-11-26T10:01:00+01:00"}]""",
                "HubSource", "test-json", IngestResult.class);
        assertThat(r).isEqualTo(new IngestResult(2, 2, 0));
        List<Observation> stored = store.find("route-m-1.active_power", Instant.parse("2026-11-26T09:00:00Z"),
                Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(stored).extracting(Observation::value).containsExactly(2500.0, 2700.0);
        assertThat(stored).allSatisfy(o -> assertThat(o.source()).isEqualTo("test-json"));
    }

    @Test
    void javaObjectsAreStoredThroughDirectIngest() {
        Instant t = Instant.parse("2026-11-26T08:00:00Z");
        IngestResult r = producer().requestBody("direct:ingest",
                List.of(Observation.of("route-m-2", "temperature", 280.15, "K", t),
                        Observation.of("route-m-2", "temperature", 281.15, "K", t.plusSeconds(60))), IngestResult.class);
        assertThat(r.stored()).isEqualTo(2);
        assertThat(store.find("route-m-2.temperature", t, t.plusSeconds(120)))
                .extracting(Observation::value).containsExactly(7.0, 8.0);
        assertThat(producer().requestBody("direct:ingest", Map.of("assetId", "route-m-2", "quantity", "temperature",
                "value", 1, "unit", "Cel", "start", "2026-11-26T08:05:00Z"), IngestResult.class).stored()).isEqualTo(1);
    }

    @Test
    void aRouteInYamlAloneFeedsThePipelineThroughTheKamelet() {
        producer().sendBodyAndHeaders("direct:test-yaml-only", null, Map.of("asset", "route-yaml-1", "value", "293.15"));
        assertThat(store.find("route-yaml-1.temperature", Instant.parse("2026-11-26T10:00:00Z"),
                Instant.parse("2026-11-26T10:00:01Z"))).singleElement().satisfies(o -> {
                    assertThat(o.value()).isEqualTo(20.0, org.assertj.core.api.Assertions.within(1e-9));
                    assertThat(o.source()).isEqualTo("test-yaml");
                });
    }

    @Test
    void badInputInARouteGoesToTheQuarantineWithItsOriginalContent() {
        long before = quarantine.count(QuarantinedItem.OPEN);
        producer().sendBody("direct:test-bad-input", "meter;time;value\nm-1;26.11.2026 10:00;1,2,3\n");
        assertThat(quarantine.count(QuarantinedItem.OPEN)).isEqualTo(before + 1);
        QuarantinedItem item = quarantine.list(QuarantinedItem.OPEN, 1).get(0);
        assertThat(item.reason()).isEqualTo("line 3, column value: '1,2,3' is not a number");
        assertThat(item.payload()).startsWith("meter;time;value\n");
        assertThat(item.routeId()).isEqualTo("test-bad-input-probe");
        assertThat(item.source()).isEqualTo("test-probe");
        assertThat(item.replayEndpoint()).isEqualTo("direct://test-bad-input");
    }

    @Test
    void aQuarantinedItemCanBeListedAndReplayed() {
        producer().sendBody("direct:ingest",
                "{\"assetId\":\"route-r-1\",\"quantity\":\"level\",\"value\":3.5,\"unit\":\"fathom\",\"start\":\"2026-11-26T10:00:00Z\"}");
        QuarantinedItem item = quarantine.list(QuarantinedItem.OPEN, 50).stream()
                .filter(q -> q.payload().contains("route-r-1")).findFirst().orElseThrow();
        assertThat(item.reason()).contains("unknown unit 'fathom'");

        QuarantinedItem again = replayer.replay(item.id());
        assertThat(again.status()).isEqualTo(QuarantinedItem.OPEN);
        assertThat(again.attempts()).isEqualTo(2);

        assertThat(replayer.discard(item.id())).isTrue();
        assertThat(quarantine.get(item.id()).orElseThrow().status()).isEqualTo(QuarantinedItem.DISCARDED);
        assertThatThrownBy(() -> replayer.replay(item.id())).hasMessageContaining("is DISCARDED");
    }

    @Test
    void aReplayOfAFixableItemStoresIt() {
        producer().sendBody("direct:ingest",
                "{\"assetId\":\"route-r-2\",\"quantity\":\"level\",\"value\":3.5,\"unit\":\"m\",\"start\":\"2099-11-26T10:00:00Z\"}");
        QuarantinedItem item = quarantine.list(QuarantinedItem.OPEN, 50).stream()
                .filter(q -> q.payload().contains("route-r-2")).findFirst().orElseThrow();
        assertThat(item.reason()).contains("in the future");
        assertThatThrownBy(() -> replayer.replay(-1)).hasMessageContaining("no quarantined item -1");
    }

    @Test
    void aMessageWithoutBodyIsQuarantinedNotLost() {
        assertThat(producer().requestBody("direct:ingest", (Object) null, IngestResult.class))
                .isEqualTo(new IngestResult(1, 0, 1));
    }
}
