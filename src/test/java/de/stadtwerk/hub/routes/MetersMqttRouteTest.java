package de.stadtwerk.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import de.stadtwerk.hub.field.mqtt.MqttBatch;
import de.stadtwerk.hub.field.mqtt.mapping.MqttPayload;
import de.stadtwerk.hub.ingest.IngestResult;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.quarantine.QuarantineReplayer;
import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.quarantine.QuarantinedItem;
import de.stadtwerk.hub.store.ObservationStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * routes/field/meters-mqtt.camel.yaml with its consumer replaced by direct: — a batch of MQTT messages through the
 * real mapping file, pipeline, store and quarantine (the broker side is covered by the *IT tests).
 */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        replaceRouteFromWith = {"field-meters-mqtt=direct:meters-mqtt-test"},
        properties = {"camel.server.enabled=false", "camel.management.enabled=false",
            "hub.db.url=jdbc:h2:mem:meters-mqtt-route-test;DB_CLOSE_DELAY=-1", "hub.data.dir=target/meters-mqtt-route-test",
            "hub.embedded.mqtt.enabled=false", "hub.demo.enabled=false", "hub.mqtt.broker-url=tcp://127.0.0.1:1",
            "hub.embedded.opcua.port=0"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetersMqttRouteTest {

    @BeanInject
    CamelContext context;

    @BeanInject
    ObservationStore store;

    @BeanInject
    QuarantineStore quarantine;

    @BeanInject
    QuarantineReplayer replayer;

    static MqttPayload msg(String topic, String payload) {
        return new MqttPayload(topic, payload.getBytes(StandardCharsets.UTF_8), Instant.parse("2026-11-26T09:20:00Z"));
    }

    @Test
    void aBatchIsMappedConvertedAndStoredAndBadMessagesAreQuarantinedInTheSameTransaction() {
        MqttBatch batch = new MqttBatch(List.of(
                msg("stadtwerk/meters/rt-m-1/reading",
                        "{\"meter\":\"rt-m-1\",\"ts\":\"2026-11-26T10:15:00+01:00\",\"obis\":\"1-0:1.8.0\",\"value\":12.5,\"unit\":\"kWh\"}"),
                msg("stadtwerk/meters/rt-m-1/reading", "{\"meter\":\"rt-m-1\",\"ts\":\"2026-11-26T10:15:00+01:00\",\"obis\":\"9.9.9\",\"value\":1}"),
                msg("stadtwerk/values/rt-pv-1/active_power", "1500"),
                msg("stadtwerk/values/rt-pv-1/active_power", "-1e12")));
        IngestResult r = context.createProducerTemplate().requestBody("direct:meters-mqtt-test", batch, IngestResult.class);
        assertThat(r).isEqualTo(new IngestResult(4, 2, 2));
        List<Observation> energy = store.find("rt-m-1.energy_import.1-0:1.8.0", Instant.parse("2026-11-26T09:00:00Z"),
                Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(energy).singleElement().satisfies(o -> {
            assertThat(o.value()).isEqualTo(12500.0);
            assertThat(o.unit()).isEqualTo("Wh");
            assertThat(o.start()).isEqualTo(Instant.parse("2026-11-26T09:15:00Z"));
            assertThat(o.source()).isEqualTo("mqtt/meter-reading");
        });
        assertThat(store.count("rt-pv-1.active_power")).isEqualTo(1);
        List<QuarantinedItem> items = quarantine.list(QuarantinedItem.OPEN, 100).stream()
                .filter(i -> i.payload().contains("rt-")).toList();
        assertThat(items).extracting(QuarantinedItem::reason).anySatisfy(x -> assertThat(x).contains("unknown OBIS code '9.9.9'"))
                .anySatisfy(x -> assertThat(x).containsIgnoringCase("range"));
        assertThat(items).allSatisfy(i -> assertThat(i.payload()).startsWith("{\"topic\":\""));
    }

    @Test
    void aQuarantinedMessageCanBeReplayedThroughTheMappings() {
        MqttBatch batch = new MqttBatch(List.of(msg("stadtwerk/values/rt-pv-2/active_powr", "12")));
        context.createProducerTemplate().requestBody("direct:meters-mqtt-test", batch, IngestResult.class);
        QuarantinedItem item = quarantine.list(QuarantinedItem.OPEN, 100).stream()
                .filter(i -> i.payload().contains("rt-pv-2")).findFirst().orElseThrow();
        assertThat(item.reason()).contains("unknown quantity 'active_powr'");
        QuarantinedItem after = replayer.replay(item.id());
        assertThat(after.status()).isEqualTo(QuarantinedItem.OPEN); // still wrong: reason kept, attempt counted
        assertThat(after.attempts()).isEqualTo(2);
    }
}
