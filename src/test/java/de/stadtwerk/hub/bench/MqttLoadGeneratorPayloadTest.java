package de.stadtwerk.hub.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The benchmark generator's hand-written JSON is the default payload shape, with the right time and value. */
class MqttLoadGeneratorPayloadTest {

    @Test
    void aReadingIsTheDefaultShapeWithMicrosecondTimeAndThreeDecimals() throws Exception {
        MqttLoadGenerator.Payload p = new MqttLoadGenerator.Payload();
        long micros = Instant.parse("2026-11-26T09:15:00.000042Z").toEpochMilli() * 1000 + 42;
        p.reading("m-00042", micros, 1_000_001_250L);
        JsonNode json = new ObjectMapper().readTree(p.toString());
        assertEquals("m-00042", json.get("meter").asText());
        assertEquals(Instant.parse("2026-11-26T09:15:00.000042Z"), Instant.parse(json.get("ts").asText()));
        assertEquals("1-0:1.8.0", json.get("obis").asText());
        assertEquals(1000001.25, json.get("value").asDouble());
        assertTrue(p.toString().contains("\"value\":1000001.250,"), p.toString());
        assertEquals("Wh", json.get("unit").asText());

        p.reading("m-00001", micros + 1_000_000 - 42 + 7, 5L); // the next second; a value below 1
        json = new ObjectMapper().readTree(p.toString());
        assertEquals(Instant.parse("2026-11-26T09:15:01.000007Z"), Instant.parse(json.get("ts").asText()));
        assertTrue(p.toString().contains("\"value\":0.005,"), p.toString());
    }
}
