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

/** A server that offers only security None is refused when the hub is configured for Basic256Sha256 (the default). */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {"camel.server.enabled=false", "camel.management.enabled=false",
            "hub.db.url=jdbc:h2:mem:opcua-none-refused-it;DB_CLOSE_DELAY=-1", "hub.data.dir=target/opcua-none-refused-it",
            "hub.embedded.opcua.port=0", "hub.embedded.opcua.security=none", "hub.opendata.run-at-start=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpcUaNoneRefusedIT {

    @BeanInject
    ObservationStore store;

    @BeanInject
    OpcUaHealthCheck health;

    @Test
    void noneIsRefusedUnlessConfigured() {
        Instant from = Instant.now().minusSeconds(5);
        await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12)).until(() ->
                store.find("ww-pump-1.volume_flow", from, Instant.now().plusSeconds(5)).isEmpty()
                        && health.call().getState() == HealthCheck.State.DOWN);
        assertThat(health.call().getMessage()).hasValueSatisfying(m ->
                assertThat(m).contains("offers no endpoint with security Basic256Sha256/SignAndEncrypt", "[None/None]"));
        assertThat(health.call().getDetails()).containsEntry("opcua.security", "Basic256Sha256/SignAndEncrypt, anonymous");
    }
}
