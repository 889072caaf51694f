package de.stadtwerk.hub.publish.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static de.stadtwerk.hub.publish.console.ConsoleRouteTest.find;
import static de.stadtwerk.hub.publish.console.ConsoleRouteTest.ok;
import static de.stadtwerk.hub.publish.console.ConsoleRouteTest.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import de.stadtwerk.hub.ingest.IngestResult;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.publish.api.ApiKeys;
import de.stadtwerk.hub.publish.export.DeadLetter;
import de.stadtwerk.hub.publish.export.DeadLetterStore;
import de.stadtwerk.hub.publish.export.ExportDeadLetters;
import de.stadtwerk.hub.publish.export.StaFixture;
import de.stadtwerk.hub.publish.export.sensorthings.SensorThingsPush;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The console's "Export dead letters" over HTTP with the real route files: a SensorThings batch the server (WireMock
 * on a free port) refused is parked by the real push route, listed by the console, sent again once the server takes
 * it (and the values arrive there), refused with 409 when it is not parked any more or when an older entry of the same
 * series waits, 404 for an unknown id, "send all again"; a replay while the server is still down keeps the entry
 * parked with the new cause. Every operation needs the admin key.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "camel.server.port={{console-exports-test.port}}", "camel.server.host=127.0.0.1",
            "camel.management.enabled=false",
            "hub.db.url=jdbc:h2:mem:console-exports-route-test;DB_CLOSE_DELAY=-1",
            "hub.data.dir=target/console-exports-route-test",
            "hub.api.admin-key-hash={{console-exports-test.admin-hash}}",
            "hub.demo.enabled=false", "hub.embedded.mqtt.port=0", "hub.embedded.mqtt.persistence=in-memory",
            "hub.embedded.opcua.port=0",
            "hub.opendata.run-at-start=false", "hub.energiewetter.startup-delay=600000",
            "hub.export.sensorthings.enabled=true", "hub.export.sensorthings.url={{console-exports-test.sta-url}}",
            "hub.export.sensorthings.quantities=temperature", "hub.export.sensorthings.start=2024-01-01T00:00:00Z",
            "hub.export.sensorthings.cron=0 0 0 1 1 ? 2099", "hub.export.ckan.cron=0 0 0 1 1 ? 2099",
            "hub.export.retry.max-attempts=2", "hub.export.retry.initial-delay=10", "hub.export.retry.max-delay=20"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleExportsRouteTest {

    static final String ADMIN = "swh_console-exports-test-admin-key-000000000000";
    static final int PORT = ConsoleRouteTest.freePort();
    static final WireMockServer WM = new WireMockServer(wireMockConfig().dynamicPort());
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Instant T0 = Instant.parse("2024-06-03T10:00:00Z");
    static final String REFUSED = "cx-refused.temperature";
    static final String FINE = "cx-fine.temperature";

    static {
        WM.start();
        StaFixture.serverWithNothing(WM);
        System.setProperty("console-exports-test.port", Integer.toString(PORT));
        System.setProperty("console-exports-test.admin-hash", ApiKeys.hash(ADMIN));
        System.setProperty("console-exports-test.sta-url", WM.baseUrl() + "/v1.1");
    }

    @BeanInject
    CamelContext context;

    @BeanInject
    DeadLetterStore deadLetterStore;

    @BeanInject
    ExportDeadLetters deadLetters;

    @AfterAll
    void stop() {
        WM.stop();
    }

    static HttpResponse<String> send(String method, String path, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                .timeout(Duration.ofSeconds(60)).method(method, HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void ingest(String asset, int values) {
        List<Observation> obs = new ArrayList<>();
        for (int i = 0; i < values; i++) {
            obs.add(Observation.of(asset, "temperature", 10.0 + i, "Cel", T0.plus(Duration.ofMinutes(15L * i))));
        }
        IngestResult r = context.createProducerTemplate().requestBody("direct:ingest", obs, IngestResult.class);
        assertThat(r.stored()).isEqualTo(values);
    }

    private static List<String> times(int values) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < values; i++) {
            l.add(T0.plus(Duration.ofMinutes(15L * i)).toString());
        }
        return l;
    }

    @Test
    void everyExportOperationNeedsTheAdminKey() {
        for (String[] op : new String[][] {{"GET", "/console/api/exports"}, {"POST", "/console/api/exports/1/replay"},
            {"POST", "/console/api/exports/replay-all"}}) {
            for (String key : new String[] {null, "swh_wrong-key-000000000000000000000000000000000"}) {
                HttpResponse<String> r = send(op[0], op[1], key);
                problem(r, 401);
                assertThat(r.headers().firstValue("WWW-Authenticate")).as(op[1]).isPresent();
            }
        }
        assertThat(deadLetters.parked()).as("nothing sent or replayed without the key").isEmpty();
    }

    @Test
    void aRefusedBatchIsListedSentAgainFromTheConsoleAndRefusedWhenNotParkedOrOutOfOrder() throws Exception {
        ingest("cx-refused", 3);
        ingest("cx-fine", 2);
        StubMapping refuse = WM.stubFor(post(urlEqualTo("/v1.1/CreateObservations")).atPriority(1)
                .withRequestBody(containing("\"" + REFUSED + "\""))
                .willReturn(aResponse().withStatus(400).withBody("{\"code\":400,\"message\":\"Invalid result\"}")));
        SensorThingsPush.RunResult run = context.createProducerTemplate().requestBody("direct:sensorthings-push", null,
                SensorThingsPush.RunResult.class);
        assertThat(run.parked()).isEqualTo(1);
        assertThat(StaFixture.observationsSent(WM)).containsOnlyKeys(FINE);
        long older = deadLetters.parked().get(0).id();
        // a second entry of the same series behind it (as after a later run): it must wait for the older one
        long newer = deadLetterStore.park(SensorThingsPush.TARGET, REFUSED,
                "{\"series\":\"" + REFUSED + "\",\"observations\":[]}", 0, "test entry", 1);

        JsonNode list = ok(send("GET", "/console/api/exports", ADMIN));
        assertThat(list.path("parked").asInt()).isEqualTo(2);
        assertThat(list.path("items").get(0).path("id").asLong()).as("newest first").isEqualTo(newer);
        JsonNode row = find(list.path("items"), older);
        assertThat(row.path("target").asText()).isEqualTo("sensorthings");
        assertThat(row.path("item").asText()).isEqualTo(REFUSED);
        assertThat(row.path("items").asInt()).isEqualTo(3);
        assertThat(row.path("status").asText()).isEqualTo(DeadLetter.PARKED);
        assertThat(row.path("cause").asText()).contains("HTTP 400").contains("Invalid result");
        assertThat(row.path("attempts").asInt()).as("a refusal is not retried").isEqualTo(1);
        assertThat(row.path("parkedAt").asText()).isNotBlank();
        assertThat(row.path("replayedAt").isNull()).isTrue();
        assertThat(row.path("canReplay").asBoolean()).isTrue();
        assertThat(row.has("payload")).as("the batch itself is not listed").isFalse();
        assertThat(ok(send("GET", "/console/api/exports?limit=1", ADMIN)).path("items")).hasSize(1);
        problem(send("GET", "/console/api/exports?limit=0", ADMIN), 400);
        problem(send("GET", "/console/api/exports?status=PARKED", ADMIN), 400);

        // out of order: the older entry of the series still waits
        JsonNode outOfOrder = problem(send("POST", "/console/api/exports/" + newer + "/replay", ADMIN), 409);
        assertThat(outOfOrder.path("detail").asText()).contains("waits for the older entry " + older);

        // the server is down: the entry stays parked with the new cause, the answer says so
        StubMapping down = WM.stubFor(any(anyUrl()).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        JsonNode stillDown = ok(send("POST", "/console/api/exports/" + older + "/replay", ADMIN));
        assertThat(stillDown.path("status").asText()).isEqualTo(DeadLetter.PARKED);
        assertThat(stillDown.path("cause").asText()).contains("failed after 2 attempt(s)");
        assertThat(stillDown.path("attempts").asInt()).isEqualTo(1 + 2);
        assertThat(stillDown.path("replays").asInt()).isEqualTo(1);

        // the server takes it now: sent, the values arrive in order
        WM.removeStub(down);
        WM.removeStub(refuse);
        JsonNode sent = ok(send("POST", "/console/api/exports/" + older + "/replay", ADMIN));
        assertThat(sent.path("status").asText()).as(sent.toString()).isEqualTo(DeadLetter.REPLAYED);
        assertThat(sent.path("replayedAt").asText()).isNotBlank();
        assertThat(sent.path("canReplay").asBoolean()).isFalse();
        assertThat(StaFixture.observationsSent(WM).get(REFUSED)).isEqualTo(times(3));
        assertThat(StaFixture.observationsSent(WM).get(FINE)).isEqualTo(times(2));

        // not parked any more; unknown ids
        JsonNode again = problem(send("POST", "/console/api/exports/" + older + "/replay", ADMIN), 409);
        assertThat(again.path("detail").asText()).contains("REPLAYED");
        problem(send("POST", "/console/api/exports/99999999/replay", ADMIN), 404);
        problem(send("POST", "/console/api/exports/abc/replay", ADMIN), 404);

        // send all again: the newer entry goes now; nothing is parked afterwards
        JsonNode all = ok(send("POST", "/console/api/exports/replay-all", ADMIN));
        assertThat(all.path("replayed").asInt()).isEqualTo(1);
        assertThat(all.path("failed").asInt()).isZero();
        assertThat(all.path("waiting").asInt()).isZero();
        assertThat(all.path("errors")).isEmpty();
        JsonNode after = ok(send("GET", "/console/api/exports", ADMIN));
        assertThat(after.path("parked").asInt()).isZero();
        assertThat(find(after.path("items"), newer).path("status").asText()).isEqualTo(DeadLetter.REPLAYED);
        assertThat(StaFixture.observationsSent(WM).get(REFUSED)).as("nothing doubled").isEqualTo(times(3));
        JsonNode nothing = ok(send("POST", "/console/api/exports/replay-all", ADMIN));
        assertThat(nothing.path("replayed").asInt() + nothing.path("failed").asInt() + nothing.path("waiting").asInt())
                .isZero();
    }
}
