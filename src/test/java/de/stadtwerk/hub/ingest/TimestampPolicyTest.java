package de.stadtwerk.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.stadtwerk.hub.field.mqtt.mapping.MqttMappings;
import de.stadtwerk.hub.field.mqtt.mapping.MqttPayload;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quantity;
import de.stadtwerk.hub.transform.Plausibility;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * B3: the timestamp policy, one row per case and entry point (docs/ingest.md, "Timestamps"): CONVERT (stored at
 * the given instant, in UTC), REJECT (quarantined with the reason), or IMPLAUSIBLE (rejected by the plausibility
 * check after conversion, also quarantined). CSV files have their own rows in LastgangCsvTest (gap: error with line
 * and column; repeated hour: marker column or file order).
 */
class TimestampPolicyTest {

    /** Received by the hub at this instant (a day in the week of the autumn DST change). */
    static final Instant NOW = Instant.parse("2026-10-25T01:10:00Z");

    static final MqttMappings MAPPINGS = MqttMappings.parse("""
            mappings:
              - name: iso-offset
                topic: b3/iso/+
                asset: "{topic.2}"
                time: "{$.ts}"
                values:
                  - quantity: active_power
                    value: "{$.v}"
                    unit: W
              - name: iso-local
                topic: b3/local/+
                asset: "{topic.2}"
                time: "{$.ts}"
                time-zone: Europe/Berlin
                values:
                  - quantity: active_power
                    value: "{$.v}"
                    unit: W
              - name: epoch-s
                topic: b3/seconds/+
                asset: "{topic.2}"
                time: "{$.ts}"
                time-format: epoch-seconds
                values:
                  - quantity: active_power
                    value: "{$.v}"
                    unit: W
              - name: epoch-ms
                topic: b3/millis/+
                asset: "{topic.2}"
                time: "{$.ts}"
                time-format: epoch-millis
                values:
                  - quantity: active_power
                    value: "{$.v}"
                    unit: W
            """);

    /**
     * MQTT: topic kind, the time as sent (JSON literal), expected policy, expected UTC instant or a text of the
     * reason.
     */
    @ParameterizedTest(name = "MQTT {0} {1} -> {2} {3}")
    @CsvSource(delimiter = '|', value = {
        "iso     | \"2026-10-24T10:15:00+02:00\" | CONVERT      | 2026-10-24T08:15:00Z",
        "iso     | \"2026-10-24T08:15:00Z\"      | CONVERT      | 2026-10-24T08:15:00Z",
        "iso     | \"2026-10-24T10:15:00\"       | REJECT       | is not an ISO-8601 time with offset",
        "iso     | 1792888500                    | REJECT       | is not an ISO-8601 time with offset",
        "local   | \"2026-07-01T12:00:00\"       | CONVERT      | 2026-07-01T10:00:00Z",
        "local   | \"2026-01-15T12:00:00\"       | CONVERT      | 2026-01-15T11:00:00Z",
        "local   | \"2026-03-29T02:30:00\"       | REJECT       | does not exist in Europe/Berlin",
        // repeated autumn hour 02:00-03:00 local on 2026-10-25: the instant nearer to the receipt (01:10Z)
        "local   | \"2026-10-25T02:15:00\"       | CONVERT      | 2026-10-25T01:15:00Z",
        "local   | \"2026-10-25T02:50:00\"       | CONVERT      | 2026-10-25T00:50:00Z",
        "local   | \"2026-10-25T02:15:00+02:00\" | CONVERT      | 2026-10-25T00:15:00Z",
        "seconds | 1792888500                    | CONVERT      | 2026-10-25T00:35:00Z",
        "seconds | 1792888500000                 | IMPLAUSIBLE  | in the future",
        "millis  | 1792888500000                 | CONVERT      | 2026-10-25T00:35:00Z",
        "millis  | 1792888500                    | IMPLAUSIBLE  | before the earliest plausible time",
        "iso     | \"2026-10-27T01:10:01Z\"      | IMPLAUSIBLE  | more than PT24H in the future",
        "iso     | \"1970-01-01T00:00:00Z\"      | IMPLAUSIBLE  | before the earliest plausible time",
    })
    void mqtt(String kind, String ts, String policy, String expected) {
        String topic = "b3/" + kind + "/dev-1";
        MqttMappings.Outcome o = MAPPINGS.map(new MqttPayload(topic,
                ("{\"ts\":" + ts + ",\"v\":1}").getBytes(StandardCharsets.UTF_8), NOW));
        switch (policy) {
            case "REJECT" -> {
                assertThat(o.rejection()).contains(expected);
                assertThat(o.observations()).isNullOrEmpty();
            }
            case "CONVERT" -> {
                assertThat(o.rejection()).isNull();
                assertThat(o.observations().get(0).start()).isEqualTo(Instant.parse(expected));
                assertThat(plausibility(o.observations().get(0))).isNull();
            }
            default -> {
                assertThat(o.rejection()).isNull();
                assertThat(plausibility(o.observations().get(0))).contains(expected);
            }
        }
    }

    /** The JSON form of direct:ingest (and the hub-ingest-sink Kamelet): an offset is required, numbers refused. */
    @ParameterizedTest(name = "ingest JSON {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "\"2026-10-25T02:15:00+02:00\" | 2026-10-25T00:15:00Z",
        "\"2026-10-25T02:15:00+01:00\" | 2026-10-25T01:15:00Z",
        "\"2026-10-25T01:15:00Z\"      | 2026-10-25T01:15:00Z",
        "\"2026-10-25T02:15:00\"       | REJECT: is not an ISO-8601 time with an offset",
        "\"2026-03-29T02:30:00\"       | REJECT: is not an ISO-8601 time with an offset",
        "1792888500                    | REJECT: must be ISO-8601 text with an offset",
        "1792888500000                 | REJECT: must be ISO-8601 text with an offset",
    })
    void ingestJson(String start, String expected) throws Exception {
        JsonNode n = ObservationJson.MAPPER.readTree("{\"assetId\":\"b3\",\"quantity\":\"active_power\",\"value\":1,"
                + "\"unit\":\"W\",\"start\":" + start + "}");
        if (expected.startsWith("REJECT: ")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ObservationJson.fromNode(n))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field start")
                    .hasMessageContaining(expected.substring(8));
        } else {
            assertThat(ObservationJson.fromNode(n).start()).isEqualTo(Instant.parse(expected));
        }
    }

    private static String plausibility(Observation o) {
        return Plausibility.defaults().check(o, Quantity.ofCode(o.quantity()), NOW);
    }
}
