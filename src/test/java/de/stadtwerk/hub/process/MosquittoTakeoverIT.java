package de.stadtwerk.hub.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.stadtwerk.hub.store.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MQTT take-over of issue 8 on Mosquitto 2.0.11 by session adoption (docs/cluster.md): two hub processes (the
 * jar) on one PostgreSQL schema and a Mosquitto of the test's own (the settings of docker/mosquitto.conf), one MQTT 5
 * shared subscription, the default session expiry of 24 h and the default adoption settings (auto: on with a shared
 * group on PostgreSQL; heartbeat PT2S, adopt after PT10S). Mosquitto keeps a killed member in the share and queues
 * every second message in its session; the survivor adopts that session (connects with the dead member's client id)
 * and stores what waited there and what follows, <b>without the killed instance coming back</b>. Then the killed
 * instance is started again: it gets its session back, the adopter lets go and does not take it again (connects per
 * client id counted in Mosquitto's log). Every sequence number is counted in PostgreSQL (stored exactly once).
 *
 * <p>The bad case next to it: with {@code hub.mqtt.adoption.enabled=false} the dead member's share waits in its
 * session until it is started again. Figures go to the test's output (docs/cluster.md, docs/reliability.md).
 * Skipped without PostgreSQL or the Mosquitto binary.
 */
class MosquittoTakeoverIT {

    private static final Duration BOOT = Duration.ofSeconds(180);
    /** Readings per second of the devices: the kill falls in the middle of the stream, which goes on after it. */
    private static final int RATE = 400;
    private static final int PROBES = 1_000_000;

    @TempDir
    Path dir;

    private final String runId = "mt" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private String schemaUrl;
    private PrivateMosquitto broker;
    private Path mappings;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void dropSchema() {
        if (schemaUrl != null) {
            TestDatabases.dropPostgresSchema(schemaUrl);
        }
    }

    private void startPeers() throws IOException {
        broker = new PrivateMosquitto(dir.resolve("mosquitto")).start();
        schemaUrl = TestDatabases.newPostgresSchema();
        mappings = Files.writeString(dir.resolve("mappings.yaml"), SequencePublisher.mapping(runId));
    }

    private String clientId(String name) {
        return runId + "-" + name;
    }

    private HubProcess hub(String name, boolean adoption) {
        Map<String, String> props = HubProcess.mqttClusterMember(schemaUrl, dir.resolve(name + "-data"), broker.url(),
                clientId(name), runId, mappings);
        if (!adoption) {
            props.put("hub.mqtt.adoption.enabled", "false");
        }
        // hub.mqtt.session-expiry and hub.mqtt.adoption.heartbeat/after stay at their defaults (PT24H, PT2S, PT10S)
        return new HubProcess(dir.resolve(name + "-" + UUID.randomUUID().toString().substring(0, 4))).start(props, Map.of());
    }

    @Test
    void theSurvivorAdoptsTheKilledInstancesSessionAndHandsItBackWhenItReturns() throws Exception {
        startPeers();
        int n = 8_000;
        HubProcess a = hub("hub-a", true);
        HubProcess b = hub("hub-b", true);
        HubProcess again = null;
        try (a; b; SequencePublisher devices = new SequencePublisher(broker.url(), runId, n, RATE)) {
            awaitBothSubscribed(a, b, devices);
            double a0 = a.metric("hub_mqtt_messages_committed_total");
            double b0 = b.metric("hub_mqtt_messages_committed_total");

            long t0 = System.nanoTime();
            devices.start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                    .until(() -> devices.published.get() >= n / 4);
            double shareA = a.metric("hub_mqtt_messages_committed_total") - a0;
            double shareB = b.metric("hub_mqtt_messages_committed_total") - b0;
            a.kill();
            long killedAt = System.nanoTime();
            // hub-b's count first, then the sequence: what hub-b commits of readings published after firstAfterKill
            // is then all in bAfterKill (read the other way round, it committed some of them before the count was
            // read: 5,954 of 5,960 once)
            double bAtKill = b.metric("hub_mqtt_messages_committed_total");
            int firstAfterKill = devices.published.get(); // published after hub-a's JVM was gone (kill waits for it)
            int storedAtKill = StoredSequence.read(schemaUrl, runId, firstAfterKill).count();

            // readings missing 2 s after the broker took them were not routed to hub-b's own session (which stores
            // its share within milliseconds): they wait in hub-a's. The take-over is the first of them stored.
            BitSet waiting = new BitSet();
            double[] seen = {-1, -1}; // take-over, all published before the kill stored (s after the kill)
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
                StoredSequence s = StoredSequence.read(schemaUrl, runId, n);
                long now = System.currentTimeMillis();
                double since = (System.nanoTime() - killedAt) / 1e9;
                if (seen[0] < 0) {
                    BitSet storedWaiting = (BitSet) waiting.clone();
                    storedWaiting.and(s.stored);
                    if (!storedWaiting.isEmpty()) {
                        seen[0] = since;
                    }
                    int published = devices.published.get();
                    for (int i = s.stored.nextClearBit(0); i < published; i = s.stored.nextClearBit(i + 1)) {
                        long acked = devices.ackedAt.get(i);
                        if (acked > 0 && acked < now - 2_000) {
                            waiting.set(i);
                        }
                    }
                }
                if (seen[1] < 0 && s.stored.nextClearBit(0) >= firstAfterKill) {
                    seen[1] = since;
                }
                return seen[0] >= 0 && seen[1] >= 0;
            });
            double takeover = seen[0];
            double preKillDone = seen[1];
            assertThat(devices.await(Duration.ofSeconds(60).toMillis())).as("the devices published everything").isTrue();
            StoredSequence all = awaitAll(n, Duration.ofSeconds(60));
            double allDone = (System.nanoTime() - killedAt) / 1e9;
            double bAfterKill = b.metric("hub_mqtt_messages_committed_total") - bAtKill;
            int publishedAfterKill = n - firstAfterKill;
            long waitedAfterKill = waiting.get(firstAfterKill, n).cardinality();
            System.out.printf(Locale.ROOT, "[adoption] Mosquitto 2.0.11, %d QoS 1 readings at %d/s; split before the kill"
                            + " hub-a %.0f / hub-b %.0f; hub-a killed after %d published (%d stored); %d readings seen"
                            + " waiting in hub-a's session (%d of them published after the kill); hub-b stored the first"
                            + " of them %.2f s after the kill, all %d published before the kill %.2f s after it, all %d"
                            + " %.2f s after it; hub-b committed %.0f after the kill (%d published after it); %d of %d"
                            + " stored, %d rows doubled, killed instance not restarted, adoptions %.0f%n",
                    n, RATE, shareA, shareB, firstAfterKill, storedAtKill, waiting.cardinality(), waitedAfterKill,
                    takeover, firstAfterKill, preKillDone, n, allDone, bAfterKill, publishedAfterKill, all.count(), n,
                    all.doubled, b.metric("hub_mqtt_adoptions_total"));
            assertThat(all.lost()).as("readings not stored without the killed instance: " + all.missing(20)).isZero();
            assertThat(all.doubled).as("one row per sequence number").isZero();
            assertThat(waitedAfterKill).as("Mosquitto routed part of the share into the dead session").isPositive();
            assertThat(takeover).as("take-over seen").isPositive();
            assertThat(bAfterKill).as("the survivor committed every reading published after the kill")
                    .isGreaterThanOrEqualTo(publishedAfterKill);
            assertThat(b.metric("hub_mqtt_adoptions_total")).isEqualTo(1);
            assertThat(b.metric("hub_mqtt_adopted_sessions")).isEqualTo(1);
            assertThat(ready(b)).as("hub-b ready with the adopted connection up").isTrue();
            assertThat(connects("hub-a")).as("hub-a's id: hub-a, then hub-b's adoption").isEqualTo(2);

            // hub-a returns with its client id: it takes its session back, hub-b lets go and does not take it again
            long restart = System.nanoTime();
            again = hub("hub-a", true);
            HubProcess back = again;
            await().atMost(BOOT).until(() -> ready(back) && b.metric("hub_mqtt_adopted_sessions") == 0);
            double handBack = (System.nanoTime() - restart) / 1e9;
            int m = 4_000;
            double again0 = back.metric("hub_mqtt_messages_committed_total");
            double b1 = b.metric("hub_mqtt_messages_committed_total");
            devices.close(); // the second round's devices take the same client id
            try (SequencePublisher round2 = new SequencePublisher(broker.url(), runId, n, m, RATE)) {
                round2.start();
                assertThat(round2.await(Duration.ofSeconds(60).toMillis())).isTrue();
            }
            StoredSequence both = awaitAll(n + m, Duration.ofSeconds(60));
            // the round took m / RATE = 10 s, with hub-a's heartbeat fresh: longer than hub.mqtt.adoption.after
            double returnedShare = back.metric("hub_mqtt_messages_committed_total") - again0;
            double bShare = b.metric("hub_mqtt_messages_committed_total") - b1;
            String bLog = b.logText();
            boolean takenOver = bLog.contains("gave the session of " + clientId("hub-a") + " to another connection");
            bLog.lines().filter(l -> l.contains("MQTT adoption")).forEach(l -> System.out.println("[adoption] hub-b: " + l));
            System.out.printf(Locale.ROOT, "[adoption] hub-a started again: hub-b let go of the session %.1f s after the"
                            + " start command (boot included; %s); then %d more readings: hub-a %.0f / hub-b %.0f;"
                            + " connects with hub-a's client id %d (hub-a, hub-b's adoption, hub-a again), adoptions"
                            + " by hub-b %.0f, ended %.0f; %d of %d stored, %d rows doubled%n",
                    handBack, takenOver ? "the broker closed its connection with 0x8E session taken over"
                            : "its connection closed by the broker, hub-a's heartbeat fresh", m, returnedShare, bShare, connects("hub-a"),
                    b.metric("hub_mqtt_adoptions_total"), b.metric("hub_mqtt_adoptions_ended_total"), both.count(),
                    n + m, both.doubled);
            assertThat(both.lost()).as("missing: " + both.missing(20)).isZero();
            assertThat(both.doubled).isZero();
            assertThat(returnedShare).as("the returned instance has its share again").isGreaterThan(m / 10.0);
            assertThat(bShare).as("hub-b keeps its own share").isGreaterThan(m / 10.0);
            assertThat(connects("hub-a")).as("no flapping: hub-a's id connected by hub-a, hub-b, hub-a").isEqualTo(3);
            assertThat(b.metric("hub_mqtt_adoptions_total")).as("not adopted again").isEqualTo(1);
            assertThat(b.metric("hub_mqtt_adopted_sessions")).isZero();
            assertThat(ready(b)).as("hub-b ready: the handed-back connection is not counted").isTrue();
            assertThat(back.logText()).doesNotContain("adopted the session");
        } finally {
            if (again != null) {
                again.close();
            }
        }
    }

    @Test
    void withoutAdoptionTheKilledInstancesShareWaitsForItsReturn() throws Exception {
        startPeers();
        int n = 3_000;
        HubProcess a = hub("hub-a", false);
        HubProcess b = hub("hub-b", false);
        try (a; b; SequencePublisher devices = new SequencePublisher(broker.url(), runId, n, RATE)) {
            awaitBothSubscribed(a, b, devices);
            devices.start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                    .until(() -> devices.published.get() >= n / 3);
            a.kill();
            int firstAfterKill = devices.published.get();
            assertThat(devices.await(Duration.ofSeconds(60).toMillis())).isTrue();
            // longer than the adoption would take with the defaults (after PT10S + heartbeat PT2S + connect)
            StoredSequence s;
            try {
                s = awaitAll(n, Duration.ofSeconds(20));
            } catch (ConditionTimeoutException expected) {
                s = StoredSequence.read(schemaUrl, runId, n);
            }
            int waitingAfterKill = 0;
            for (int i = s.stored.nextClearBit(firstAfterKill); i < n; i = s.stored.nextClearBit(i + 1)) {
                waitingAfterKill++;
            }
            System.out.printf(Locale.ROOT, "[adoption off] %d readings; hub-a killed after %d; 20 s after the last one"
                    + " %d of %d stored, %d published after the kill waiting in hub-a's session%n", n, firstAfterKill,
                    s.count(), n, waitingAfterKill);
            assertThat(waitingAfterKill).as("without adoption Mosquitto keeps the dead member's share").isPositive();
            assertThat(b.metric("hub_mqtt_adoptions_total")).isZero();

            long restart = System.nanoTime();
            try (HubProcess back = hub("hub-a", false)) {
                StoredSequence all = awaitAll(n, BOOT);
                System.out.printf(Locale.ROOT, "[adoption off] hub-a started again: all %d stored %.1f s after the start"
                        + " command, %d rows doubled%n", n, (System.nanoTime() - restart) / 1e9, all.doubled);
                assertThat(all.doubled).isZero();
                assertThat(back.isAlive()).isTrue();
            }
        }
    }

    /**
     * The guard against flapping: an owner that is alive but does not write its heartbeat (here: hub-a with adoption
     * off, its row written by the test with an hour-old heartbeat, as if it had lost its database) is adopted once;
     * its own reconnect takes the session back, and the adopter (its own connection stayed up, so the broker was fine)
     * hands it back and does not adopt it again, although the heartbeat stays stale. Mosquitto closes the adopter's
     * connection without a reason code, so this is the adopter's own judgement, not the broker's word.
     */
    @Test
    void anOwnerThatIsAliveButCannotWriteItsHeartbeatIsAdoptedOnceNotInTurns() throws Exception {
        startPeers();
        int n = 6_000;
        HubProcess a = hub("hub-a", false);
        HubProcess b = hub("hub-b", true);
        try (a; b; SequencePublisher devices = new SequencePublisher(broker.url(), runId, n, RATE)) {
            awaitBothSubscribed(a, b, devices);
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(schemaUrl, TestDatabases.PG_USER, "");
                 java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO mqtt_member (client_id, instance_id,"
                         + " share_group, subscriptions, heartbeat_at) VALUES (?, 'cut-off', ?, ?,"
                         + " CURRENT_TIMESTAMP - INTERVAL '1 hour')")) {
                ps.setString(1, clientId("hub-a"));
                ps.setString(2, runId);
                ps.setString(3, "$share/" + runId + "/" + runId + "/meters/+/reading");
                ps.executeUpdate();
            }
            devices.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> b.metric("hub_mqtt_adoptions_total") >= 1);
            long adopted = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> b.metric("hub_mqtt_adoptions_ended_total") >= 1);
            double handedBack = (System.nanoTime() - adopted) / 1e9;
            assertThat(devices.await(Duration.ofSeconds(60).toMillis())).isTrue();
            // for three adoption periods (hub.mqtt.adoption.after) more: a re-adoption would show as further connects
            await().during(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> connects("hub-a") == 3 && b.metric("hub_mqtt_adopted_sessions") == 0);
            StoredSequence all = awaitAll(n, Duration.ofSeconds(60));
            long connects = connects("hub-a");
            System.out.printf(Locale.ROOT, "[adoption] live owner without heartbeat: hub-b adopted its session once and"
                            + " handed it back %.1f s later; connects with hub-a's client id %d in 30 s more (hub-a,"
                            + " hub-b, hub-a), adoptions %.0f; %d of %d stored, %d rows doubled%n", handedBack, connects,
                    b.metric("hub_mqtt_adoptions_total"), all.count(), n, all.doubled);
            assertThat(connects).as("no ping-pong between owner and adopter").isEqualTo(3);
            assertThat(b.metric("hub_mqtt_adoptions_total")).isEqualTo(1);
            assertThat(b.metric("hub_mqtt_adopted_sessions")).isZero();
            assertThat(all.lost()).as("missing: " + all.missing(20)).isZero();
            assertThat(all.doubled).isZero();
            assertThat(ready(a) && ready(b)).isTrue();
        }
    }

    /** Probes (sequence numbers outside the readings) until each instance has committed one: both subscribed. */
    private void awaitBothSubscribed(HubProcess a, HubProcess b, SequencePublisher devices) {
        await().atMost(BOOT).until(() -> ready(a) && ready(b));
        int probe = PROBES;
        long end = System.nanoTime() + BOOT.toNanos();
        while ((a.metric("hub_mqtt_messages_committed_total") < 1 || b.metric("hub_mqtt_messages_committed_total") < 1)
                && System.nanoTime() < end) {
            devices.publishNow(probe++);
            try {
                await().atMost(Duration.ofSeconds(2)).until(() -> a.metric("hub_mqtt_messages_committed_total") >= 1
                        && b.metric("hub_mqtt_messages_committed_total") >= 1);
            } catch (ConditionTimeoutException notYet) {
                // not both subscribed yet: the next probe
            }
        }
        assertThat(a.metric("hub_mqtt_messages_committed_total")).as("hub-a subscribed").isGreaterThanOrEqualTo(1);
        assertThat(b.metric("hub_mqtt_messages_committed_total")).as("hub-b subscribed").isGreaterThanOrEqualTo(1);
    }

    private StoredSequence awaitAll(int n, Duration atMost) {
        StoredSequence[] last = new StoredSequence[1];
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = StoredSequence.read(schemaUrl, runId, n);
            return last[0].lost() == 0;
        });
        return last[0];
    }

    /** Connections Mosquitto accepted with the client id of {@code name} (its log: "New client connected ... as id"). */
    private long connects(String name) throws IOException {
        Pattern p = Pattern.compile("New client connected from \\S+ as " + Pattern.quote(clientId(name)) + " ");
        return Files.readAllLines(broker.dir.resolve("mosquitto.log")).stream().filter(l -> p.matcher(l).find()).count();
    }

    private static boolean ready(HubProcess hub) {
        return hub.body("/observe/health/ready").startsWith("{\"status\":\"UP\"");
    }
}
