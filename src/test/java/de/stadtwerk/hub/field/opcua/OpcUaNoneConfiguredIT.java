package de.stadtwerk.hub.field.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.stadtwerk.hub.store.ObservationStore;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.BeanInject;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Security None works only when configured, and health then says the connection is degraded. */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {"camel.server.enabled=false", "camel.management.enabled=false",
            "hub.db.url=jdbc:h2:mem:opcua-none-configured-it;DB_CLOSE_DELAY=-1", "hub.data.dir=target/opcua-none-configured-it",
            "hub.embedded.opcua.port=0", "hub.embedded.opcua.security=none", "hub.opendata.run-at-start=false",
            "hub.opcua.security-policy=None", "hub.opcua.security-mode=None"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpcUaNoneConfiguredIT {

    @BeanInject
    ObservationStore store;

    @BeanInject
    OpcUaHealthCheck health;

    @Test
    void noneConfiguredWorksAndIsReportedAsDegraded() {
        Instant from = Instant.now().minusSeconds(5);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(store.find("ww-pump-1.volume_flow", from, Instant.now().plusSeconds(5))).isNotEmpty();
            assertThat(health.call().getState()).isEqualTo(HealthCheck.State.UP);
        });
        HealthCheck.Result r = health.call();
        assertThat(r.getDetails()).containsEntry("opcua.degraded", true);
        assertThat(r.getMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("degraded: security policy None"));
    }
}
