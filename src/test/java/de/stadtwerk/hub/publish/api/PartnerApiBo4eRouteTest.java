package de.stadtwerk.hub.publish.api;

import static de.stadtwerk.hub.publish.api.ApiClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.stadtwerk.hub.model.Observation;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Observations as BO4E Lastgang and Energiemenge over HTTP, with the real route files: chosen by format or Accept,
 * with the partner's grants (location ids only of a visible asset; an invisible series is 404 as in JSON), ETag, gzip,
 * aggregation, and 406 for a series BO4E has no form for.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "camel.server.port={{partner-api-bo4e-test.port}}", "camel.server.host=127.0.0.1",
            "camel.management.port={{partner-api-bo4e-test.management-port}}",
            "hub.db.url=jdbc:h2:mem:partner-api-bo4e-test;DB_CLOSE_DELAY=-1",
            "hub.data.dir=target/partner-api-bo4e-test",
            "hub.api.partners-file=src/test/resources/api/partners.yaml",
            "hub.api.rate-limit.per-minute=100000", "hub.api.rate-limit.burst=100000",
            "hub.api.rate-limit.anonymous-per-minute=100000",
            "hub.demo.enabled=false", "hub.embedded.mqtt.port=0", "hub.embedded.mqtt.persistence=in-memory",
            "hub.embedded.opcua.port=0"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerApiBo4eRouteTest {

    static final int PORT = ApiClient.freePort();
    static final int MANAGEMENT_PORT = ApiClient.freePort();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant DAY = Instant.parse("2026-11-19T23:00:00Z");
    private static final String METER = "/api/v1/series/m-00042.energy_import/observations?from=2026-11-20&to=2026-11-21";

    static {
        System.setProperty("partner-api-bo4e-test.port", Integer.toString(PORT));
        System.setProperty("partner-api-bo4e-test.management-port", Integer.toString(MANAGEMENT_PORT));
    }

    @BeanInject
    CamelContext context;

    final ApiClient api = new ApiClient(PORT);
    private boolean loaded;

    @BeforeEach
    void data() {
        if (loaded) {
            return;
        }
        loaded = true;
        List<Observation> values = new ArrayList<>();
        for (int i = 0; i < 96; i++) {
            Instant t = DAY.plusSeconds(900L * i);
            values.add(Observation.interval("m-00042", "energy_import", 250, "Wh", t, t.plusSeconds(900)));
            values.add(Observation.of("pv-rathaus", "active_power", 1500, "W", t));
            values.add(Observation.of("ws-10315", "temperature", 4.25, "Cel", t));
        }
        context.createProducerTemplate().requestBody("direct:ingest", values);
    }

    private static JsonNode json(HttpResponse<byte[]> r) {
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        try {
            return JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text(r), e);
        }
    }

    @Test
    void aLastgangOfAVisibleMeterWithItsLocationsAndQuarterHours() {
        HttpResponse<byte[]> r = api.get(METER + "&format=bo4e-lastgang", PartnerApiRouteTest.KEY_B);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode doc = json(r);
        assertThat(doc.path("_typ").asText()).isEqualTo("LASTGANG");
        assertThat(doc.path("sparte").asText()).isEqualTo("STROM");
        assertThat(doc.path("messgroesse").asText()).isEqualTo("KWH");
        assertThat(doc.path("marktlokation").path("marktlokationsId").asText()).isEqualTo("51481308448");
        assertThat(doc.path("messlokation").path("messlokationsId").asText()).isEqualTo("DE0001234567890000000000000000042");
        assertThat(doc.path("zeitIntervallLaenge").path("wert").asInt()).isEqualTo(15);
        assertThat(doc.path("zeitIntervallLaenge").path("einheit").asText()).isEqualTo("MINUTE");
        JsonNode werte = doc.path("werte");
        assertThat(werte).hasSize(96);
        assertThat(werte.get(0).path("wert").asDouble()).isEqualTo(0.25);
        assertThat(werte.get(0).path("status").asText()).isEqualTo("ABGELESEN");
        assertThat(werte.get(0).path("zeitraum").path("startdatum").asText()).isEqualTo("2026-11-20T00:00:00+01:00");
        assertThat(werte.get(95).path("zeitraum").path("enddatum").asText()).isEqualTo("2026-11-21T00:00:00+01:00");
    }

    @Test
    void anEnergiemengeByAcceptAndAggregatedToHours() {
        HttpResponse<byte[]> r = api.get("/api/v1/series/m-00042.energy_import/observations?from=2026-11-19T23:00:00Z"
                + "&to=2026-11-20T23:00:00Z&resolution=1h&agg=sum&tz=UTC", PartnerApiRouteTest.KEY_B,
                "Accept", "application/vnd.bo4e.energiemenge+json");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/vnd.bo4e.energiemenge+json");
        JsonNode doc = json(r);
        assertThat(doc.path("_typ").asText()).isEqualTo("ENERGIEMENGE");
        assertThat(doc.path("lokationsId").asText()).isEqualTo("51481308448");
        assertThat(doc.path("lokationstyp").asText()).isEqualTo("MALO");
        JsonNode verbrauch = doc.path("energieverbrauch");
        assertThat(verbrauch).hasSize(24);
        assertThat(verbrauch.get(0).path("wert").asDouble()).as("4 x 250 Wh").isEqualTo(1.0);
        assertThat(verbrauch.get(0).path("einheit").asText()).isEqualTo("KWH");
        assertThat(verbrauch.get(0).path("wertermittlungsverfahren").asText()).isEqualTo("MESSUNG");
        assertThat(verbrauch.get(0).path("startdatum").asText()).isEqualTo("2026-11-19T23:00:00Z");
    }

    @Test
    void grantsApplyAsInJson() {
        HttpResponse<byte[]> r = api.get(METER + "&format=bo4e-lastgang", PartnerApiRouteTest.KEY_A);
        assertThat(r.statusCode()).as("partner A may not see the meter").isEqualTo(404);
        assertThat(text(r)).contains("no series 'm-00042.energy_import'").doesNotContain("51481308448");
        assertThat(api.get(METER + "&format=bo4e-lastgang", null).statusCode()).isEqualTo(404);
    }

    @Test
    void etagAndGzipAsForJson() throws Exception {
        String path = METER + "&format=bo4e-lastgang";
        HttpResponse<byte[]> plain = api.get(path, PartnerApiRouteTest.KEY_B);
        String etag = plain.headers().firstValue("ETag").orElseThrow();
        assertThat(api.get(path, PartnerApiRouteTest.KEY_B, "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(api.get(METER + "&format=bo4e-energiemenge", PartnerApiRouteTest.KEY_B, "If-None-Match", etag)
                .statusCode()).as("another representation, another ETag").isEqualTo(200);
        HttpResponse<byte[]> gz = api.get(path, PartnerApiRouteTest.KEY_B, "Accept-Encoding", "gzip");
        assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
    }

    @Test
    void aSeriesWithoutABo4eFormIsNotAcceptableWithTheReason() {
        HttpResponse<byte[]> power = api.get("/api/v1/series/pv-rathaus.active_power/observations?from=2026-11-20"
                + "&to=2026-11-21&format=bo4e-energiemenge", PartnerApiRouteTest.KEY_A);
        assertThat(power.statusCode()).isEqualTo(406);
        assertThat(power.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(text(power)).contains("needs an energy series");
        assertThat(json(api.get("/api/v1/series/pv-rathaus.active_power/observations?from=2026-11-20&to=2026-11-21"
                + "&format=bo4e-lastgang", PartnerApiRouteTest.KEY_A)).path("messgroesse").asText()).isEqualTo("KW");
        HttpResponse<byte[]> temperature = api.get("/api/v1/series/ws-10315.temperature/observations?from=2026-11-20"
                + "&to=2026-11-21&format=bo4e-lastgang", null);
        assertThat(temperature.statusCode()).isEqualTo(406);
        assertThat(text(temperature)).contains("no BO4E Mengeneinheit");
        assertThat(api.get("/api/v1/assets?format=bo4e-lastgang", PartnerApiRouteTest.KEY_A).statusCode())
                .as("BO4E is a form of observations only").isEqualTo(400);
    }
}
