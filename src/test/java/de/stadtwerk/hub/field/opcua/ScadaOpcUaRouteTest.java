package de.stadtwerk.hub.field.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.stadtwerk.hub.embedded.OpcUaSimulator;
import de.stadtwerk.hub.embedded.SimulatedPlant;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import de.stadtwerk.hub.store.ObservationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shipped OPC UA route and node list against the embedded simulator (Basic256Sha256 SignAndEncrypt, the default)
 * on a free port: values reach the store with quality and source timestamp; Bad and Uncertain statuses become INVALID
 * and SUSPECT.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {"camel.server.enabled=false", "camel.management.enabled=false",
            "hub.db.url=jdbc:h2:mem:opcua-route-test;DB_CLOSE_DELAY=-1", "hub.data.dir=target/opcua-route-test",
            "hub.embedded.opcua.port=0", "hub.opendata.run-at-start=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScadaOpcUaRouteTest {

    @BeanInject
    CamelContext context;

    @BeanInject
    ObservationStore store;

    @BeanInject
    OpcUaSimulator simulator;

    @BeanInject
    OpcUaHealthCheck health;

    private List<Observation> recent(String series, Duration back) {
        Instant now = Instant.now();
        return store.find(series, now.minus(back), now.plusSeconds(5));
    }

    @Test
    void everyNodeOfTheListHasARunningRoute() {
        for (OpcUaNode n : OpcUaNodeList.read(java.nio.file.Path.of("config/opcua-nodes.csv"))) {
            assertThat(context.getRouteController().getRouteStatus(n.routeId())).as(n.routeId()).isEqualTo(ServiceStatus.Started);
        }
    }

    @Test
    void valuesArriveWithQualityAndSourceTimestamps() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(recent("ww-pump-1.volume_flow", Duration.ofMinutes(1))).hasSizeGreaterThanOrEqualTo(2));
        Observation o = recent("ww-pump-1.volume_flow", Duration.ofMinutes(1)).get(0);
        assertThat(o.quality()).isEqualTo(Quality.MEASURED);
        assertThat(o.source()).isEqualTo("field-opcua");
        assertThat(o.value()).isBetween(100.0, 420.0);
        // the source timestamp (set by the simulator on each whole update), not the hub's receive time
        assertThat(o.start()).isBefore(o.receivedAt());
        assertThat(Duration.between(o.start(), o.receivedAt())).isLessThan(Duration.ofSeconds(10));
        double expected = SimulatedPlant.signals().stream().filter(s -> s.item().equals(SimulatedPlant.PUMP_FLOW))
                .findFirst().orElseThrow().valueAt(o.start());
        assertThat(o.value()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(recent("ss-1-trafo-1.active_power", Duration.ofMinutes(1))).isNotEmpty());
        Observation p = recent("ss-1-trafo-1.active_power", Duration.ofMinutes(1)).get(0);
        assertThat(p.unit()).isEqualTo("W");
        assertThat(p.value()).as("kW from the server, stored in W").isGreaterThan(100_000);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(health.call().getState()).isEqualTo(HealthCheck.State.UP));
        assertThat(health.call().getDetails()).containsEntry("opcua.security", "Basic256Sha256/SignAndEncrypt, anonymous")
                .containsEntry("opcua.degraded", false).containsEntry("opcua.session", "active");
    }

    @Test
    void badAndUncertainStatusesBecomeInvalidAndSuspect() {
        Instant from = Instant.now();
        simulator.forceStatus(SimulatedPlant.PUMP_PRESSURE, 0x808C0000L);   // Bad_SensorFailure
        simulator.forceStatus(SimulatedPlant.RESERVOIR_LEVEL, 0x40000000L); // Uncertain
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(store.find("ww-pump-1.pressure", from, Instant.now().plusSeconds(5)))
                        .extracting(Observation::quality).contains(Quality.INVALID);
                assertThat(store.find("ww-reservoir-1.level", from, Instant.now().plusSeconds(5)))
                        .extracting(Observation::quality).contains(Quality.SUSPECT);
            });
            // the good node next to them stays MEASURED
            assertThat(store.find("ww-pump-1.volume_flow", from, Instant.now().plusSeconds(5)))
                    .extracting(Observation::quality).containsOnly(Quality.MEASURED);
        } finally {
            simulator.clearStatus(SimulatedPlant.PUMP_PRESSURE);
            simulator.clearStatus(SimulatedPlant.RESERVOIR_LEVEL);
        }
    }
}
