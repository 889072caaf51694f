package de.stadtwerk.hub.publish.export;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import de.stadtwerk.hub.model.Asset;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import de.stadtwerk.hub.publish.export.sensorthings.SensorThingsPush;
import de.stadtwerk.hub.publish.export.sensorthings.StaClient;
import de.stadtwerk.hub.publish.export.sensorthings.StaStore;
import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.store.ObservationStore;
import de.stadtwerk.hub.store.SeriesRegistry;
import de.stadtwerk.hub.store.StoreDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SensorThings push against a WireMock SensorThings server that checks the requests: entities created only
 * where missing (also after a restart or with a lost mapping), observations sent once and in order, a refused
 * batch parked, and the F9 fault: the server down for a while, retries, batches parked with their cause, newer
 * values of a parked series held back, replay, everything delivered once and in order. Run on H2
 * ({@code H2SensorThingsPushTest}) and PostgreSQL ({@code PostgresSensorThingsPushIT}).
 */
abstract class SensorThingsPushContract {

    private static final Instant T0 = Instant.parse("2024-06-03T10:00:00Z");
    private static final String M1 = "m-1.active_power";
    private static final String M2 = "m-2.energy_import";

    @TempDir
    Path dir;

    abstract StoreDatabase openDatabase(Path dir);

    void closeDatabase() {
    }

    WireMockServer wm;
    StoreDatabase db;
    ObservationStore observations;
    DeadLetterStore deadLetters;
    ExportDeadLetters operator;
    SensorThingsPush push;

    @BeforeEach
    void setUp() {
        wm = new WireMockServer(wireMockConfig().dynamicPort());
        wm.start();
        StaFixture.serverWithNothing(wm);
        db = openDatabase(dir);
        Clock clock = Clock.systemUTC();
        observations = new ObservationStore(db.dataSource(), db.dialect(), new SeriesRegistry(db.dialect(), clock),
                new QuarantineStore(db.dataSource(), clock), clock, 500);
        deadLetters = new DeadLetterStore(db.dataSource(), clock);
        push = newPush(clock);
        operator = new ExportDeadLetters(deadLetters, List.of(push));
    }

    /** A push as after a restart: new objects on the same database. */
    private SensorThingsPush newPush(Clock clock) {
        Map<String, Asset> assets = Map.of(
                "m-1", new Asset("m-1", "Zähler Rathaus", "meter", 51.2562, 7.1508, "Elberfeld", "42103", null, Map.of()),
                "m-2", new Asset("m-2", "Zähler Bad", "meter", null, null, "Barmen", "42275", null, Map.of()));
        SensorThingsPush.Selection selection = new SensorThingsPush.Selection(Set.of(), Set.of(), 3, 10,
                now -> Instant.parse("2024-01-01T00:00:00Z"));
        return new SensorThingsPush(true, new StaClient(new ExportHttp(Duration.ofSeconds(2), Duration.ofSeconds(5),
                "test"), wm.baseUrl() + "/v1.1", "hub", "s3cret"), new StaStore(db.dataSource(), deadLetters, clock),
                deadLetters, new Retrier(3, 10, 40), selection, id -> Optional.ofNullable(assets.get(id)), clock);
    }

    @AfterEach
    void tearDown() {
        wm.stop();
        db.close();
        closeDatabase();
    }

    private void store(String asset, String quantity, String unit, int from, int to) {
        List<Observation> obs = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Instant t = T0.plus(Duration.ofMinutes(15L * i));
            Instant end = quantity.startsWith("energy") ? t.plus(Duration.ofMinutes(15)) : t;
            obs.add(new Observation(asset + "." + quantity, asset, quantity, 1000 + i, unit, t, end, Quality.MEASURED,
                    "test", Instant.now()));
        }
        observations.write(obs, List.of());
    }

    private static List<String> times(int from, int to, boolean interval) {
        List<String> l = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Instant t = T0.plus(Duration.ofMinutes(15L * i));
            l.add(interval ? t + "/" + t.plus(Duration.ofMinutes(15)) : t.toString());
        }
        return l;
    }

    @Test
    void createsWhatIsMissingOnceAndSendsEveryObservationOnceInOrder() throws Exception {
        store("m-1", "active_power", "W", 0, 7);
        store("m-2", "energy_import", "Wh", 0, 2);

        SensorThingsPush.RunResult first = push.run();

        assertThat(first.observations()).isEqualTo(9);
        assertThat(first.batches()).as("7 values in batches of 3, and 2").isEqualTo(4);
        assertThat(StaFixture.count(wm, "POST", "/v1.1/Things")).isEqualTo(2);
        assertThat(StaFixture.count(wm, "POST", "/v1.1/Sensors")).as("one sensor per asset kind").isEqualTo(1);
        assertThat(StaFixture.count(wm, "POST", "/v1.1/ObservedProperties")).isEqualTo(2);
        assertThat(StaFixture.count(wm, "POST", "/v1.1/Datastreams")).isEqualTo(2);
        // every lookup asks by the stable hubId
        wm.verify(getRequestedFor(urlPathEqualTo("/v1.1/Things")).withQueryParam("$filter",
                equalTo("properties/hubId eq 'm-1'")));
        wm.verify(getRequestedFor(urlPathEqualTo("/v1.1/Datastreams")).withQueryParam("$filter",
                equalTo("properties/hubId eq '" + M1 + "'")));

        JsonNode thing = body("POST", "/v1.1/Things", "\"hubId\":\"m-1\"");
        assertThat(thing.path("name").asText()).isEqualTo("Zähler Rathaus");
        assertThat(thing.path("Locations").get(0).path("encodingType").asText()).isEqualTo("application/geo+json");
        assertThat(thing.path("Locations").get(0).path("location").path("coordinates").toString())
                .isEqualTo("[7.1508,51.2562]");
        assertThat(body("POST", "/v1.1/Things", "\"hubId\":\"m-2\"").has("Locations")).as("no coordinates").isFalse();
        JsonNode ds = body("POST", "/v1.1/Datastreams", "\"hubId\":\"" + M2 + "\"");
        assertThat(ds.path("unitOfMeasurement").path("symbol").asText()).isEqualTo("Wh");
        assertThat(ds.path("unitOfMeasurement").path("definition").asText()).isEqualTo("http://unitsofmeasure.org/ucum.html#Wh");
        assertThat(ds.path("observationType").asText()).endsWith("OM_Measurement");
        assertThat(ds.path("Thing").path("@iot.id").asText()).isEqualTo("m-2");
        assertThat(ds.path("Sensor").path("@iot.id").asText()).isEqualTo("sensor:meter");
        assertThat(ds.path("ObservedProperty").path("@iot.id").asText()).isEqualTo("quantity:energy_import");
        JsonNode obs = body("POST", "/v1.1/CreateObservations", M2);
        assertThat(obs.get(0).path("components").toString()).isEqualTo("[\"phenomenonTime\",\"result\",\"resultQuality\"]");
        assertThat(obs.get(0).path("dataArray").get(0).toString())
                .isEqualTo("[\"2024-06-03T10:00:00Z/2024-06-03T10:15:00Z\",1000.0,\"MEASURED\"]");
        String basic = "Basic " + Base64.getEncoder().encodeToString("hub:s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(StaFixture.received(wm)).allSatisfy(e ->
                assertThat(e.getRequest().getHeader("Authorization")).isEqualTo(basic));

        assertThat(StaFixture.observationsSent(wm)).containsExactlyInAnyOrderEntriesOf(Map.of(
                M1, times(0, 7, false), M2, times(0, 2, true)));

        // a second run, and a run after a restart (new objects, same database): nothing new, no request at all
        int requests = wm.getAllServeEvents().size();
        assertThat(push.run().observations()).isZero();
        assertThat(newPush(Clock.systemUTC()).run().observations()).isZero();
        assertThat(wm.getAllServeEvents()).hasSize(requests);

        // new values: only they are sent, into the known datastream, no entity created
        store("m-1", "active_power", "W", 7, 9);
        assertThat(newPush(Clock.systemUTC()).run().observations()).isEqualTo(2);
        assertThat(StaFixture.count(wm, "POST", "/v1.1/Datastreams")).isEqualTo(2);
        assertThat(StaFixture.count(wm, "POST", "/v1.1/Things")).isEqualTo(2);
        assertThat(StaFixture.observationsSent(wm).get(M1)).isEqualTo(times(0, 9, false));
    }

    @Test
    void entitiesTheServerAlreadyHasAreFoundByHubIdAndNotCreatedAgain() throws Exception {
        // the hub lost its mapping (new database), the server still has everything: numeric ids
        wm.stubFor(get(urlPathMatching("/v1\\.1/(Things|Sensors|ObservedProperties|Datastreams)"))
                .atPriority(1).willReturn(okJson("{\"value\":[{\"@iot.id\":7}]}")));
        store("m-1", "active_power", "W", 0, 2);

        assertThat(push.run().observations()).isEqualTo(2);

        assertThat(StaFixture.count(wm, "POST", "/v1.1/Things")).isZero();
        assertThat(StaFixture.count(wm, "POST", "/v1.1/Datastreams")).isZero();
        assertThat(StaFixture.count(wm, "POST", "/v1.1/Sensors")).isZero();
        JsonNode obs = body("POST", "/v1.1/CreateObservations", "dataArray");
        assertThat(obs.get(0).path("Datastream").path("@iot.id").isNumber()).isTrue();
        assertThat(obs.get(0).path("Datastream").path("@iot.id").asLong()).isEqualTo(7);
        wm.verify(getRequestedFor(urlPathEqualTo("/v1.1/Datastreams(7)/Observations"))
                .withQueryParam("$orderby", equalTo("phenomenonTime desc")));
    }

    @Test
    void observationsTheServerAlreadyHasAreNotSentAgain() throws Exception {
        store("m-1", "active_power", "W", 0, 3);
        // e.g. a push whose answer was lost: the server has the first two values already
        wm.stubFor(get(urlPathEqualTo("/v1.1/Datastreams('" + M1 + "')/Observations")).atPriority(1)
                .willReturn(okJson("{\"value\":[{\"phenomenonTime\":\"" + T0.plus(Duration.ofMinutes(15)) + "\"}]}")));

        assertThat(push.run().batches()).isEqualTo(1);

        assertThat(StaFixture.observationsSent(wm).get(M1)).isEqualTo(times(2, 3, false));
    }

    @Test
    void aRefusedBatchIsParkedAtOnceAndTheOtherSeriesGoOn() throws Exception {
        store("m-1", "active_power", "W", 0, 2);
        store("m-2", "energy_import", "Wh", 0, 2);
        wm.stubFor(post(urlEqualTo("/v1.1/CreateObservations")).atPriority(1)
                .withRequestBody(containing("\"" + M1 + "\""))
                .willReturn(aResponse().withStatus(400).withBody("{\"code\":400,\"message\":\"Invalid result\"}")));

        SensorThingsPush.RunResult r = push.run();

        assertThat(r.parked()).isEqualTo(1);
        assertThat(r.stopped()).isFalse();
        assertThat(StaFixture.observationsSent(wm)).containsOnlyKeys(M2);
        DeadLetter d = deadLetters.parked(SensorThingsPush.TARGET).get(0);
        assertThat(d.itemKey()).isEqualTo(M1);
        assertThat(d.attempts()).as("a refusal is not retried").isEqualTo(1);
        assertThat(d.cause()).contains("HTTP 400").contains("Invalid result");
        assertThat(d.itemCount()).isEqualTo(2);
    }

    /**
     * F9: the push target is down (connections reset) over several runs while new values arrive. Each request is
     * tried 3 times, then the batch is parked with its cause and the run stops; a parked series gets nothing
     * newer until its batch is replayed; replay and the next run deliver everything once and in order.
     */
    @Test
    void targetDownRetriesParksHoldsBackNewerValuesAndReplayDeliversAllInOrder() throws Exception {
        store("m-1", "active_power", "W", 0, 2);
        store("m-2", "energy_import", "Wh", 0, 2);
        assertThat(push.run().observations()).isEqualTo(4);

        StubMapping down = wm.stubFor(any(anyUrl()).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        store("m-1", "active_power", "W", 2, 4);
        store("m-2", "energy_import", "Wh", 2, 4);
        int before = wm.getAllServeEvents().size();

        SensorThingsPush.RunResult outage1 = push.run();
        assertThat(outage1.stopped()).isTrue();
        assertThat(outage1.parked()).isEqualTo(1);
        assertThat(wm.getAllServeEvents().size() - before).as("one request, tried 3 times, then the run stops")
                .isEqualTo(3);
        DeadLetter first = deadLetters.parked(SensorThingsPush.TARGET).get(0);
        assertThat(first.itemKey()).isEqualTo(M1);
        assertThat(first.attempts()).isEqualTo(3);
        assertThat(first.cause()).contains("failed after 3 attempt(s)").contains("IOException");

        SensorThingsPush.RunResult outage2 = push.run();
        assertThat(outage2.waiting()).as("m-1 waits for its replay").isEqualTo(1);
        assertThat(outage2.parked()).isEqualTo(1);
        assertThat(deadLetters.parked(SensorThingsPush.TARGET)).extracting(DeadLetter::itemKey).containsExactly(M1, M2);

        // a replay while the target is still down: nothing changes, the entries stay parked with the new cause
        ExportDeadLetters.ReplayResult stillDown = operator.replayAll();
        assertThat(stillDown.replayed()).isZero();
        assertThat(stillDown.failed()).isEqualTo(1);
        assertThat(stillDown.waiting()).as("m-2 not tried once the target is known down").isEqualTo(1);
        assertThat(deadLetters.parked(SensorThingsPush.TARGET)).hasSize(2);

        // the target is back; more values have come in meanwhile
        wm.removeStub(down);
        store("m-1", "active_power", "W", 4, 6);
        SensorThingsPush.RunResult held = push.run();
        assertThat(held.waiting()).isEqualTo(2);
        assertThat(held.observations()).as("nothing newer of a parked series").isZero();
        assertThat(StaFixture.observationsSent(wm).get(M1)).isEqualTo(times(0, 2, false));

        ExportDeadLetters.ReplayResult replay = operator.replayAll();
        assertThat(replay.replayed()).isEqualTo(2);
        assertThat(deadLetters.parked(SensorThingsPush.TARGET)).isEmpty();
        assertThat(deadLetters.recent(10)).extracting(DeadLetter::status).containsOnly(DeadLetter.REPLAYED);
        assertThat(push.run().observations()).isEqualTo(2);
        assertThat(push.run().observations()).isZero();

        // nothing lost, nothing doubled, order kept per series
        Map<String, List<String>> sent = StaFixture.observationsSent(wm);
        assertThat(sent.get(M1)).isEqualTo(times(0, 6, false));
        assertThat(sent.get(M2)).isEqualTo(times(0, 4, true));
    }

    @Test
    void aReplayOfAnEntryWithAnOlderParkedOneOfTheSameSeriesIsRefused() {
        store("m-1", "active_power", "W", 0, 2);
        StubMapping down = wm.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(503)));
        push.run();
        store("m-1", "active_power", "W", 2, 4);
        deadLetters.park(SensorThingsPush.TARGET, M1, "{\"series\":\"" + M1 + "\",\"observations\":[]}", 0, "test", 1);
        wm.removeStub(down);
        List<DeadLetter> parked = deadLetters.parked(SensorThingsPush.TARGET);
        assertThat(parked).hasSize(2);
        assertThat(parked.get(0).cause()).contains("HTTP 503");

        assertThatThrownBy(() -> operator.replay(parked.get(1).id())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("waits for the older entry " + parked.get(0).id());
        assertThat(operator.replay(parked.get(0).id()).status()).isEqualTo(DeadLetter.REPLAYED);
    }

    private JsonNode body(String method, String url, String containing) throws Exception {
        for (ServeEvent e : StaFixture.received(wm)) {
            if (e.getRequest().getMethod().getName().equals(method) && e.getRequest().getUrl().equals(url)
                    && e.getRequest().getBodyAsString().contains(containing)) {
                return StaFixture.JSON.readTree(e.getRequest().getBodyAsString());
            }
        }
        throw new AssertionError("no " + method + " " + url + " with " + containing);
    }
}
