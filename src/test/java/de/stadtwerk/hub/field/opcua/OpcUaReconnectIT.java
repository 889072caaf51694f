package de.stadtwerk.hub.field.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.stadtwerk.hub.embedded.OpcUaSimulator;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import de.stadtwerk.hub.store.ObservationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.BeanInject;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Self-healing: the OPC UA server (the simulator, SignAndEncrypt) stops and comes back; without a restart of the hub
 * the values flow again, health is DOWN in between and UP after, and the gap is stored as an INVALID interval.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {"camel.server.enabled=false", "camel.management.enabled=false",
            "hub.db.url=jdbc:h2:mem:opcua-reconnect-it;DB_CLOSE_DELAY=-1", "hub.data.dir=target/opcua-reconnect-it",
            "hub.embedded.opcua.port=0", "hub.opendata.run-at-start=false",
            "hub.opcua.publishing-interval=1000", "hub.opcua.watchdog-intervals=3"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpcUaReconnectIT {

    private static final String SERIES = "ww-pump-1.volume_flow";

    @BeanInject
    ObservationStore store;

    @BeanInject
    OpcUaSimulator simulator;

    @BeanInject
    OpcUaHealthCheck health;

    private List<Observation> since(Instant from) {
        return store.find(SERIES, from, Instant.now().plusSeconds(5));
    }

    @Test
    void serverStoppedAndRestartedValuesFlowAgainWithoutHubRestart() {
        Instant start = Instant.now();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(since(start.minusSeconds(5))).isNotEmpty();
            assertThat(health.call().getState()).isEqualTo(HealthCheck.State.UP);
        });

        simulator.stop();
        Instant stopped = Instant.now();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(health.call().getState()).isEqualTo(HealthCheck.State.DOWN));
        assertThat(health.call().getMessage()).hasValueSatisfying(m -> assertThat(m).containsAnyOf("no active OPC UA session", "no value"));

        // a real outage: nothing arrives while the server is away
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8)).until(() ->
                since(stopped).stream().noneMatch(Observation::isInstant));
        assertThat(health.call().getState()).isEqualTo(HealthCheck.State.DOWN);

        simulator.start();
        Instant restarted = Instant.now();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(since(restarted)).filteredOn(Observation::isInstant).isNotEmpty();
            assertThat(health.call().getState()).isEqualTo(HealthCheck.State.UP);
        });
        Instant back = since(restarted).stream().filter(Observation::isInstant).findFirst().orElseThrow().start();
        System.out.printf("OPC UA reconnect: server down %d ms, first value %d ms after restart%n",
                Duration.between(stopped, restarted).toMillis(), Duration.between(restarted, back).toMillis());

        // the outage is stored as an INVALID interval from the last value before to the first value after
        List<Observation> gaps = store.find(SERIES, start.minusSeconds(5), Instant.now().plusSeconds(5)).stream()
                .filter(o -> !o.isInstant()).toList();
        assertThat(gaps).singleElement().satisfies(g -> {
            assertThat(g.quality()).isEqualTo(Quality.INVALID);
            assertThat(g.start()).isBefore(stopped);
            assertThat(g.end()).isEqualTo(back);
        });
        assertThat(health.call().getDetails().get("opcua.outages").toString()).contains("/");
    }
}
