package de.stadtwerk.hub.field.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The claim rules of session adoption on the table {@code mqtt_member} (migration V9), on H2 and on PostgreSQL
 * (skipped without it). Instances are ids, times are given (no waiting): a member whose heartbeat is older than
 * {@link #AFTER} may be adopted by exactly one claimer; a fresh member, one's own id and a member of another share
 * group never; a claim of an adopter that stopped heartbeating is taken over; a session the broker handed back to an
 * owner that still cannot write its heartbeat is not adopted again until it writes a newer one.
 */
class MqttMembersTest {

    private static final Duration AFTER = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-11-28T06:00:00Z");
    private static final String GROUP = "hub";
    private static final List<String> SUBS = List.of("$share/hub/meters/+/reading", "$share/hub/plants/#");

    @TempDir
    Path dir;
    private StoreDatabase db;
    private String schemaUrl;
    private MqttMembers members;

    private void open(String database) {
        if (database.equals("h2")) {
            db = TestDatabases.h2(dir);
        } else {
            schemaUrl = TestDatabases.newPostgresSchema();
            db = TestDatabases.postgres(schemaUrl);
        }
        members = new MqttMembers(db.dataSource());
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        if (schemaUrl != null) {
            TestDatabases.dropPostgresSchema(schemaUrl);
        }
    }

    /** Heartbeat of instance {@code instance} owning {@code clientId}, at T0 + seconds. */
    private void beat(String instance, String clientId, int seconds) throws Exception {
        members.heartbeat(instance, GROUP, SUBS, List.of(clientId), T0.plusSeconds(seconds));
    }

    private boolean claim(String instance, String clientId, int seconds) throws Exception {
        Instant now = T0.plusSeconds(seconds);
        return members.claim(clientId, instance, GROUP, now, now.minus(AFTER));
    }

    private List<String> adoptable(String instance, int seconds) throws Exception {
        return members.adoptable(instance, GROUP, T0.plusSeconds(seconds).minus(AFTER)).stream()
                .map(MqttMembers.Member::clientId).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aFreshMemberIsNeverAdoptedAndAStaleOneOnlyByOthers(String database) throws Exception {
        open(database);
        beat("a", "hub-a", 0);
        beat("b", "hub-b", 9);
        assertThat(adoptable("b", 9)).as("a's heartbeat is 9 s old, the limit is 10 s").isEmpty();
        assertThat(claim("b", "hub-a", 9)).isFalse();
        assertThat(adoptable("b", 10)).as("exactly at the limit is still fresh").isEmpty();

        beat("b", "hub-b", 11);
        assertThat(adoptable("b", 11)).containsExactly("hub-a");
        assertThat(adoptable("a", 11)).as("an instance never adopts its own id").isEmpty();
        assertThat(members.adoptable("b", "other-group", T0.plusSeconds(1))).as("another share group").isEmpty();
        assertThat(members.claim("hub-a", "b", "other-group", T0.plusSeconds(11), T0.plusSeconds(1))).isFalse();

        MqttMembers.Member m = members.adoptable("b", GROUP, T0.plusSeconds(1)).get(0);
        assertThat(m.subscriptions()).as("the owner's subscriptions, for the adopter's connection").isEqualTo(SUBS);
        assertThat(members.now()).as("the database's clock, which the adoption uses")
                .isBetween(Instant.now().minus(Duration.ofMinutes(1)), Instant.now().plus(Duration.ofMinutes(1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void ofTwoClaimersOneWins(String database) throws Exception {
        open(database);
        beat("a", "hub-a", 0);
        beat("b", "hub-b", 20);
        beat("c", "hub-c", 20);
        assertThat(claim("b", "hub-a", 20)).isTrue();
        assertThat(claim("c", "hub-a", 20)).as("b holds it and b's heartbeat is fresh").isFalse();
        assertThat(claim("b", "hub-a", 20)).as("not twice by the same either").isFalse();
        assertThat(members.state("hub-a").adoptedBy()).isEqualTo("b");
        assertThat(adoptable("c", 20)).isEmpty();

        members.release("hub-a", "c", true, T0.plusSeconds(10));
        assertThat(members.state("hub-a").adoptedBy()).as("only the holder releases its claim").isEqualTo("b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void ofEightClaimersAtOnceExactlyOneWins(String database) throws Exception {
        open(database);
        beat("a", "hub-a", 0);
        int claimers = 8;
        for (int i = 0; i < claimers; i++) {
            beat("s" + i, "hub-s" + i, 30);
        }
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < claimers; i++) {
                String instance = "s" + i;
                Callable<Boolean> c = () -> {
                    go.await();
                    return claim(instance, "hub-a", 30);
                };
                results.add(pool.submit(c));
            }
            go.countDown();
            int won = 0;
            for (Future<Boolean> f : results) {
                won += f.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
            assertThat(members.state("hub-a").adoptedBy()).startsWith("s");
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void theClaimOfAStaleAdopterIsTakenOver(String database) throws Exception {
        open(database);
        beat("a", "hub-a", 0);
        beat("b", "hub-b", 20);
        beat("c", "hub-c", 20);
        assertThat(claim("b", "hub-a", 20)).isTrue();
        // b dies after its heartbeat at 20 s; c goes on
        beat("c", "hub-c", 29);
        assertThat(claim("c", "hub-a", 29)).as("b's heartbeat is 9 s old").isFalse();
        beat("c", "hub-c", 31);
        assertThat(adoptable("c", 31)).containsExactly("hub-a", "hub-b");
        assertThat(claim("c", "hub-a", 31)).isTrue();
        assertThat(members.state("hub-a").adoptedBy()).isEqualTo("c");

        // b comes back as a new process (new instance id) with its client id: its old claim is gone
        beat("b2", "hub-b", 32);
        members.release("hub-a", "b", false, T0);
        assertThat(members.state("hub-a").adoptedBy()).isEqualTo("c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aReturningOwnerGetsItsSessionBackAndIsAdoptedAgainWhenItDiesAgain(String database) throws Exception {
        open(database);
        beat("a", "hub-a", 0);
        beat("b", "hub-b", 20);
        assertThat(claim("b", "hub-a", 20)).isTrue();
        // a restarts: heartbeat first, then it connects and the broker takes the session from b's connection
        beat("a2", "hub-a", 40);
        beat("b", "hub-b", 40);
        assertThat(members.state("hub-a").heartbeatAt()).isEqualTo(T0.plusSeconds(40));
        members.release("hub-a", "b", true, T0.plusSeconds(30));
        assertThat(members.state("hub-a").adoptedBy()).isNull();
        assertThat(adoptable("b", 42)).as("the owner is fresh").isEmpty();

        // a dies right after its first heartbeat: adopted again once that heartbeat is stale
        beat("b", "hub-b", 51);
        assertThat(claim("b", "hub-a", 51)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aSessionTakenBackByAnOwnerThatCannotWriteItsHeartbeatIsNotAdoptedAgainUntilItDoes(String database)
            throws Exception {
        open(database);
        beat("a", "hub-a", 0);
        beat("b", "hub-b", 20);
        assertThat(claim("b", "hub-a", 20)).isTrue();
        // a is alive but cut off from the database: it reconnects and the broker hands the session back to it
        beat("b", "hub-b", 22);
        members.release("hub-a", "b", true, T0.plusSeconds(12));
        assertThat(members.state("hub-a").adoptedBy()).isNull();
        beat("b", "hub-b", 60);
        assertThat(adoptable("b", 60)).as("no ping-pong with a live owner").isEmpty();
        assertThat(claim("b", "hub-a", 60)).isFalse();

        // a reaches the database again, then dies: its newer heartbeat goes stale and it is adopted again
        beat("a", "hub-a", 61);
        beat("b", "hub-b", 72);
        assertThat(adoptable("b", 72)).containsExactly("hub-a");
        assertThat(claim("b", "hub-a", 72)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anAdopterThatStopsReleasesItsClaimForTheNextSurvivor(String database) throws Exception {
        open(database);
        beat("a", "hub-a", 0);
        beat("b", "hub-b", 20);
        beat("c", "hub-c", 20);
        assertThat(claim("b", "hub-a", 20)).isTrue();
        members.release("hub-a", "b", false, T0);
        assertThat(claim("c", "hub-a", 21)).as("b stopped and let go: c need not wait for b's heartbeat to age")
                .isTrue();
    }
}
