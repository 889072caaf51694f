package de.stadtwerk.hub.field.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.stadtwerk.hub.embedded.OpcUaSimulator;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import de.stadtwerk.hub.process.ReliabilityFigures;
import de.stadtwerk.hub.store.ObservationStore;
import java.time.Duration;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import org.apache.camel.BeanInject;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Self-healing (RELIABILITY F5): the OPC UA server (the simulator, SignAndEncrypt) stops and comes back; without a
 * restart of the hub the values flow again, health is DOWN in between and UP after, the gap is stored as an INVALID
 * interval, and the JVM's thread count is back at its baseline (±5: no thread leaked per reconnect attempt). The
 * server is away 4 s in the default run, 60 s with -Dreliability.long=true (figures: target/reliability/F5.json).
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

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    @Test
    void serverStoppedAndRestartedValuesFlowAgainWithoutHubRestart() {
        int outageSeconds = ReliabilityFigures.pick(4, 60);
        Instant start = Instant.now();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(since(start.minusSeconds(5))).isNotEmpty();
            assertThat(health.call().getState()).isEqualTo(HealthCheck.State.UP);
        });
        int baseline = threads();

        simulator.stop();
        Instant stopped = Instant.now();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(health.call().getState()).isEqualTo(HealthCheck.State.DOWN));
        assertThat(health.call().getMessage()).hasValueSatisfying(m -> assertThat(m).containsAnyOf("no active OPC UA session", "no value"));

        // a real outage: nothing arrives while the server is away
        await().during(Duration.ofSeconds(outageSeconds)).atMost(Duration.ofSeconds(outageSeconds + 10L)).until(() ->
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

        // no thread left over from the reconnect attempts (Milo and camel-milo start threads per connection)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(threads()).isBetween(baseline - 5, baseline + 5));
        new ReliabilityFigures("F5", "OPC UA server (simulator, SignAndEncrypt) gone, then back; hub not restarted")
                .put("load", "4 nodes, publishing interval 1 s; server away " + outageSeconds + " s")
                .put("lost", 0).put("doubled", 0)
                .put("gapStored", "INVALID interval " + gaps.get(0).start() + " .. " + gaps.get(0).end())
                .put("recoveryMs", Duration.between(restarted, back).toMillis())
                .put("recovery", "server back to first value stored")
                .put("threadsBaseline", baseline).put("threadsAfter", threads()).write();
    }
}
