package de.stadtwerk.hub.field.mqtt.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.stadtwerk.hub.model.Observation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped payload shapes (config/mqtt-mappings.yaml), each with good and bad payloads. */
class MqttMappingsTest {

    static final MqttMappings SHIPPED = MqttMappings.load(Path.of("config/mqtt-mappings.yaml"));
    static final Instant RECEIVED = Instant.parse("2026-11-26T09:15:02Z");

    static MqttMappings.Outcome map(String topic, String payload) {
        return SHIPPED.map(new MqttPayload(topic, payload.getBytes(StandardCharsets.UTF_8), RECEIVED));
    }

    @Test
    void meterReadingOfTheIssue() {
        MqttMappings.Outcome o = map("stadtwerk/meters/m-00042/reading",
                "{\"meter\":\"m-00042\",\"ts\":\"2026-11-26T10:15:00+01:00\",\"obis\":\"1-0:1.8.0\",\"value\":12345.678,\"unit\":\"Wh\"}");
        assertThat(o.rejection()).isNull();
        assertThat(o.observations()).singleElement().satisfies(obs -> {
            assertThat(obs.assetId()).isEqualTo("m-00042");
            assertThat(obs.quantity()).isEqualTo("energy_import");
            assertThat(obs.seriesId()).isEqualTo("m-00042.energy_import.1-0:1.8.0");
            assertThat(obs.value()).isEqualTo(12345.678);
            assertThat(obs.unit()).isEqualTo("Wh");
            assertThat(obs.start()).isEqualTo(Instant.parse("2026-11-26T09:15:00Z"));
            assertThat(obs.source()).isEqualTo("mqtt/meter-reading");
            assertThat(obs.receivedAt()).isEqualTo(RECEIVED);
        });
    }

    @Test
    void meterReadingWithShortObisAndKwh() {
        Observation obs = map("stadtwerk/meters/m-7/reading",
                "{\"meter\":\"m-7\",\"ts\":\"2026-11-26T09:15:00Z\",\"obis\":\"2.8.1\",\"value\":3,\"unit\":\"kWh\",\"extra\":1}")
                .observations().get(0);
        assertThat(obs.quantity()).isEqualTo("energy_export");
        assertThat(obs.seriesId()).isEqualTo("m-7.energy_export.1-0:2.8.1");
        assertThat(obs.unit()).isEqualTo("kWh"); // the pipeline converts to Wh
    }

    @Test
    void tasmotaEnergyMessageWithLocalTime() {
        MqttMappings.Outcome o = map("tele/plug-kitchen/SENSOR", """
                {"Time":"2026-07-01T12:00:00","ENERGY":{"TotalStartTime":"2026-01-01T00:00:00","Total":12.345,
                 "Yesterday":0.5,"Today":0.2,"Power":230,"Voltage":231,"Current":1.0}}""");
        assertThat(o.rejection()).isNull();
        assertThat(o.observations()).hasSize(2);
        Observation energy = o.observations().get(0);
        assertThat(energy.assetId()).isEqualTo("tasmota-plug-kitchen");
        assertThat(energy.quantity()).isEqualTo("energy_import");
        assertThat(energy.value()).isEqualTo(12.345);
        assertThat(energy.unit()).isEqualTo("kWh");
        assertThat(energy.start()).isEqualTo(Instant.parse("2026-07-01T10:00:00Z")); // CEST
        assertThat(o.observations().get(1).quantity()).isEqualTo("active_power");
        assertThat(o.observations().get(1).value()).isEqualTo(230.0);
    }

    @Test
    void tasmotaWithoutPowerKeepsTheEnergyAndWithoutEnergyIsRejected() {
        assertThat(map("tele/p1/SENSOR", "{\"Time\":\"2026-11-26T10:00:00\",\"ENERGY\":{\"Total\":1.5}}")
                .observations()).singleElement().extracting(Observation::start)
                .isEqualTo(Instant.parse("2026-11-26T09:00:00Z"));
        assertThat(map("tele/p1/SENSOR", "{\"Time\":\"2026-11-26T10:00:00\",\"DS18B20\":{\"Temperature\":21.5}}")
                .rejection()).contains("missing field $.ENERGY.Total");
    }

    @Test
    void plainNumberPerTopic() {
        MqttMappings.Outcome o = map("stadtwerk/values/pv-rathaus/active_power", " 43210.5\n");
        assertThat(o.rejection()).isNull();
        Observation obs = o.observations().get(0);
        assertThat(obs.assetId()).isEqualTo("pv-rathaus");
        assertThat(obs.quantity()).isEqualTo("active_power");
        assertThat(obs.value()).isEqualTo(43210.5);
        assertThat(obs.unit()).isNull();
        assertThat(obs.start()).isEqualTo(RECEIVED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON            | stadtwerk/meters/m-1/reading  | meter m-1 12.5                                                                 | payload is not JSON
            truncated JSON      | stadtwerk/meters/m-1/reading  | {"meter":"m-1","ts":                                                           | payload is not JSON
            NaN literal         | stadtwerk/meters/m-1/reading  | {"meter":"m-1","ts":"2026-11-26T10:15:00+01:00","obis":"1.8.0","value":NaN}    | payload is not JSON
            missing value       | stadtwerk/meters/m-1/reading  | {"meter":"m-1","ts":"2026-11-26T10:15:00+01:00","obis":"1.8.0","unit":"Wh"}    | missing field $.value
            missing meter       | stadtwerk/meters/m-1/reading  | {"ts":"2026-11-26T10:15:00+01:00","obis":"1.8.0","value":1,"unit":"Wh"}        | missing field $.meter
            null time           | stadtwerk/meters/m-1/reading  | {"meter":"m-1","ts":null,"obis":"1.8.0","value":1,"unit":"Wh"}                 | missing field $.ts
            value as text       | stadtwerk/meters/m-1/reading  | {"meter":"m-1","ts":"2026-11-26T10:15:00+01:00","obis":"1.8.0","value":"12,5","unit":"Wh"} | must be a JSON number, found STRING
            value beyond double | stadtwerk/meters/m-1/reading  | {"meter":"m-1","ts":"2026-11-26T10:15:00+01:00","obis":"1.8.0","value":1e309,"unit":"Wh"}  | not a finite number
            value is an object  | stadtwerk/meters/m-1/reading  | {"meter":"m-1","ts":"2026-11-26T10:15:00+01:00","obis":"1.8.0","value":{"v":1},"unit":"Wh"} | must be a JSON number, found OBJECT
            unknown OBIS        | stadtwerk/meters/m-1/reading  | {"meter":"m-1","ts":"2026-11-26T10:15:00+01:00","obis":"1-0:99.8.0","value":1,"unit":"Wh"} | unknown OBIS code '1-0:99.8.0'
            gas OBIS            | stadtwerk/meters/m-1/reading  | {"meter":"m-1","ts":"2026-11-26T10:15:00+01:00","obis":"7-0:3.0.0","value":1,"unit":"m3"}  | unknown OBIS code
            garbage OBIS        | stadtwerk/meters/m-1/reading  | {"meter":"m-1","ts":"2026-11-26T10:15:00+01:00","obis":"hello","value":1,"unit":"Wh"}      | unknown OBIS code 'hello'
            time without offset | stadtwerk/meters/m-1/reading  | {"meter":"m-1","ts":"2026-11-26T10:15:00","obis":"1.8.0","value":1,"unit":"Wh"}            | not an ISO-8601 time with offset
            epoch number time   | stadtwerk/meters/m-1/reading  | {"meter":"m-1","ts":1764148500,"obis":"1.8.0","value":1,"unit":"Wh"}                       | not an ISO-8601 time
            empty asset         | stadtwerk/meters/m-1/reading  | {"meter":"","ts":"2026-11-26T10:15:00+01:00","obis":"1.8.0","value":1,"unit":"Wh"}         | asset id is empty
            plain not a number  | stadtwerk/values/pv-1/active_power | 12,5 kW                                                                   | value '12,5 kW' is not a number
            plain NaN           | stadtwerk/values/pv-1/active_power | NaN                                                                       | is not a number
            plain Infinity      | stadtwerk/values/pv-1/active_power | Infinity                                                                  | is not a number
            plain huge          | stadtwerk/values/pv-1/active_power | 1e400                                                                     | not a finite number
            unknown quantity    | stadtwerk/values/pv-1/power_of_love | 12                                                                       | unknown quantity 'power_of_love'
            tasmota bad time    | tele/p1/SENSOR                | {"Time":"gestern","ENERGY":{"Total":1.5}}                                      | time 'gestern' is not an ISO-8601 time
            no mapping          | somewhere/else                | 12                                                                             | no mapping for topic somewhere/else
            """)
    void badPayloadsAreRejectedWithAReason(String name, String topic, String payload, String reason) {
        MqttMappings.Outcome o = map(topic, payload);
        assertThat(o.accepted()).as(name).isFalse();
        assertThat(o.observations()).isEmpty();
        assertThat(o.rejection()).as(name).contains(reason);
    }

    @Test
    void invalidUtf8IsRejectedAndKeptAsBase64InTheEnvelope() {
        MqttPayload p = new MqttPayload("stadtwerk/meters/m-1/reading", new byte[] {(byte) 0xC3, (byte) 0x28, '1'}, RECEIVED);
        assertThat(SHIPPED.map(p).rejection()).contains("not valid UTF-8");
        assertThat(p.envelope()).isEqualTo("{\"topic\":\"stadtwerk/meters/m-1/reading\",\"payloadBase64\":\"wygx\"}");
        assertThat(MqttPayload.fromEnvelope(p.envelope(), RECEIVED).payload()).isEqualTo(p.payload());
    }

    @Test
    void deeplyNestedJsonIsRejectedNotCrashing() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertThat(map("stadtwerk/meters/m-1/reading", deep).rejection()).contains("payload is not JSON");
    }

    @Test
    void envelopeKeepsTopicAndPayload() {
        MqttPayload p = new MqttPayload("stadtwerk/values/a/b", "x\"y".getBytes(StandardCharsets.UTF_8), RECEIVED);
        assertThat(p.envelope()).isEqualTo("{\"topic\":\"stadtwerk/values/a/b\",\"payload\":\"x\\\"y\"}");
        MqttPayload back = MqttPayload.fromEnvelope(p.envelope(), RECEIVED);
        assertThat(back.topic()).isEqualTo("stadtwerk/values/a/b");
        assertThat(back.text()).isEqualTo("x\"y");
    }

    @Test
    void topicsOfTheMappingFile() {
        assertThat(SHIPPED.topicFilters()).containsExactly("stadtwerk/meters/+/reading", "tele/+/SENSOR",
                "stadtwerk/values/+/+");
    }

    @Test
    void aNewShapeNeedsOnlyConfiguration() {
        MqttMappings m = MqttMappings.parse("""
                mappings:
                  - name: shelly-em
                    topic: shellies/+/emeter/0/status
                    asset: "shelly-{topic.1}"
                    time: "{$.ts}"
                    time-format: epoch-seconds
                    values:
                      - quantity: active_power
                        value: "{$.power}"
                      - quantity: voltage
                        value: "{$.readings[0].v}"
                        unit: V
                """);
        MqttMappings.Outcome o = m.map(new MqttPayload("shellies/em-3/emeter/0/status",
                "{\"ts\":1764148500,\"power\":512.5,\"readings\":[{\"v\":229.8}]}".getBytes(StandardCharsets.UTF_8), RECEIVED));
        assertThat(o.rejection()).isNull();
        assertThat(o.observations()).extracting(Observation::assetId).containsOnly("shelly-em-3");
        assertThat(o.observations()).extracting(Observation::value).containsExactly(512.5, 229.8);
        assertThat(o.observations().get(0).start()).isEqualTo(Instant.ofEpochSecond(1764148500));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            mappings: []                                                                                  | no mappings
            foo: 1                                                                                        | top-level list 'mappings:'
            'mappings: [{name: a, topic: t, asset: x}]'                                                   | 'values:' must list
            'mappings: [{name: a, topic: t, asset: x, values: [{value: "1"}]}]'                           | either 'quantity' or 'obis'
            'mappings: [{name: a, topic: t, asset: x, values: [{quantity: q, value: "{$.a}"}], colour: red}]' | unknown key 'colour'
            'mappings: [{name: a, topic: t/#/x, asset: x, values: [{quantity: q, value: "1"}]}]'          | '#' must be a whole last level
            'mappings: [{name: a, topic: t, asset: "{topic.x}", values: [{quantity: q, value: "1"}]}]'    | needs a topic level number
            'mappings: [{name: a, topic: t, asset: "{nope}", values: [{quantity: q, value: "1"}]}]'       | unknown placeholder {nope}
            'mappings: [{name: a, topic: t, asset: x, format: xml, values: [{quantity: q, value: "1"}]}]' | format 'xml' is not one of
            'mappings: [{name: a, topic: t, asset: x, format: number, values: [{quantity: q, value: "{$.v}"}]}]' | format number cannot read JSON
            'mappings: [{name: a, topic: t, asset: x, time-zone: Mars/Base, values: [{quantity: q, value: "1"}]}]' | time-zone 'Mars/Base'
            """)
    void mistakesInTheMappingFileAreNamed(String yaml, String message) {
        assertThatThrownBy(() -> MqttMappings.parse(yaml)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void topicFilterMatching() {
        assertThat(new TopicFilter("a/+/c").matches("a/b/c")).isTrue();
        assertThat(new TopicFilter("a/+/c").matches("a/b/c/d")).isFalse();
        assertThat(new TopicFilter("a/#").matches("a")).isTrue();
        assertThat(new TopicFilter("a/#").matches("a/b/c")).isTrue();
        assertThat(new TopicFilter("#").matches("$SYS/x")).isFalse();
        assertThat(new TopicFilter("+/b").matches("a/c")).isFalse();
        assertThat(new TopicFilter("a/b").matches("a")).isFalse();
        assertThat(new TopicFilter("a").matches("a/b")).isFalse();
        assertThat(new TopicFilter("a/+").matches("a/")).as("an empty level is a level").isTrue();
        assertThat(new TopicFilter("+/+").matches("/x")).isTrue();
        assertThat(new TopicFilter("a//c").matches("a//c")).isTrue();
        assertThat(new TopicFilter("a//c").matches("a/b/c")).isFalse();
        assertThat(new TopicFilter("ab/c").matches("a/c")).isFalse();
        assertThat(new TopicFilter("stadtwerk/meters/+/reading").matches("stadtwerk/meters/m-1/readings")).isFalse();
        assertThat(new TopicFilter("$SYS/#").matches("$SYS/broker/load")).isTrue();
    }
}
