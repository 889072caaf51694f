package de.stadtwerk.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ObservationJsonTest {

    private static Observation read(String json) throws Exception {
        return ObservationJson.fromNode(ObservationJson.MAPPER.readTree(json));
    }

    @Test
    void readsTheDocumentedForm() throws Exception {
        Observation o = read("""
                {"assetId":"m-00042","quantity":"energy_import","value":12.345678,"unit":"kWh",
                 "start":"2026-11-26T10:15:00+01:00","end":"2026-11-26T10:30:00+01:00","quality":"estimated"}""");
        assertThat(o.assetId()).isEqualTo("m-00042");
        assertThat(o.value()).isEqualTo(12.345678);
        assertThat(o.unit()).isEqualTo("kWh");
        assertThat(o.start()).isEqualTo(Instant.parse("2026-11-26T09:15:00Z"));
        assertThat(o.end()).isEqualTo(Instant.parse("2026-11-26T09:30:00Z"));
        assertThat(o.quality()).isEqualTo(Quality.ESTIMATED);
        assertThat(o.seriesId()).isNull();
    }

    @Test
    void anInstantHasEndEqualToStartAndQualityMeasured() throws Exception {
        Observation o = read("{\"assetId\":\"a\",\"quantity\":\"temperature\",\"value\":-3,\"unit\":\"Cel\",\"start\":\"2026-01-01T00:00:00Z\"}");
        assertThat(o.end()).isEqualTo(o.start());
        assertThat(o.quality()).isEqualTo(Quality.MEASURED);
        assertThat(o.isInstant()).isTrue();
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        Observation o = new Observation("a.temperature", "a", "temperature", 1.5, "Cel",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"), Quality.SUSPECT, "test",
                Instant.parse("2026-01-01T00:01:00Z"));
        String json = ObservationJson.toJson(o);
        assertThat(json).contains("\"start\":\"2026-01-01T00:00:00Z\"");
        assertThat(read(json)).isEqualTo(o);
    }

    @Test
    void badInputNamesTheField() {
        assertThatThrownBy(() -> read("{\"assetId\":\"a\",\"quantity\":\"temperature\",\"value\":\"12\",\"start\":\"2026-01-01T00:00:00Z\"}"))
                .hasMessageContaining("field value must be a JSON number");
        assertThatThrownBy(() -> read("{\"assetId\":\"a\",\"quantity\":\"temperature\",\"start\":\"2026-01-01T00:00:00Z\"}"))
                .hasMessageContaining("field value is missing");
        assertThatThrownBy(() -> read("{\"assetId\":\"a\",\"quantity\":\"temperature\",\"value\":1,\"start\":1764150000}"))
                .hasMessageContaining("field start must be ISO-8601 text with an offset");
        assertThatThrownBy(() -> read("{\"assetId\":\"a\",\"quantity\":\"temperature\",\"value\":1,\"start\":\"2026-01-01T00:00\"}"))
                .hasMessageContaining("is not an ISO-8601 time with an offset");
        assertThatThrownBy(() -> read("{\"assetId\":\"a\",\"quantity\":\"temperature\",\"value\":1e309,\"start\":\"2026-01-01T00:00:00Z\"}"))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> read("{\"assetId\":\"a\",\"quantity\":\"temperature\",\"value\":1,\"start\":\"2026-01-01T00:00:00Z\",\"colour\":\"red\"}"))
                .hasMessageContaining("unknown field 'colour'");
        assertThatThrownBy(() -> read("{\"assetId\":7,\"quantity\":\"temperature\",\"value\":1,\"start\":\"2026-01-01T00:00:00Z\"}"))
                .hasMessageContaining("field assetId must be text");
        assertThatThrownBy(() -> read("{\"assetId\":\"a\",\"quantity\":\"temperature\",\"value\":1,\"start\":\"2026-01-01T00:00:00Z\",\"quality\":\"GOOD\"}"))
                .hasMessageContaining("field quality: unknown quality 'GOOD'");
        assertThatThrownBy(() -> read("[1,2]")).hasMessageContaining("expected a JSON object");
    }

    @Test
    void deepNestingIsRefusedByTheParser() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertThatThrownBy(() -> ObservationJson.MAPPER.readTree(deep)).hasMessageContaining("nesting depth");
        JsonNode ok = ObservationJson.MAPPER.valueToTree(java.util.Map.of("a", 1));
        assertThat(ok.isObject()).isTrue();
    }
}
