package de.stadtwerk.hub.field.mqtt;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session adoption of one MQTT ingest consumer (docs/cluster.md): the MQTT take-over on a broker that keeps a dead
 * member in a shared subscription (Mosquitto 2.0.11 routes every n-th message of the share into the dead member's
 * session until it reconnects).
 *
 * <p>Every {@code heartbeat} the instance writes the heartbeat of its own client ids ({@link MqttMembers}); the first
 * one is written before the consumer connects. A member of the same share group whose heartbeat is older than
 * {@code after} is claimed (one winner) and connected to with its client id and {@code cleanStart=false}: the broker
 * hands that connection the dead member's session (its unacknowledged and queued messages) and from then on its share
 * of new messages, into the consumer's one batch pipeline (acknowledged after the commit as always).
 *
 * <p>Handing back: when the owner returns it writes its heartbeat and connects; the broker closes the adopter's
 * connection ({@link MqttConnection#SESSION_TAKEN_OVER}) or the adopter sees the fresh heartbeat first. Either way
 * the adopted connection is closed for good and the claim released; it is never reconnected against a fresh owner.
 * Guards against flapping: an instance adopts only after its own heartbeat has been written without a gap for
 * {@code after} (after its start, or after its database came back, so that the others have had their turn to write
 * theirs), and a session taken back by an owner whose heartbeat is still stale is not adopted again before that
 * owner writes a newer one ({@link MqttMembers#release}).
 */
final class MqttAdoption {

    private static final Logger LOG = LoggerFactory.getLogger(MqttAdoption.class);

    /** What the adoption needs from its consumer. */
    interface Host {
        /** A new connection with the given client id and subscriptions into the consumer's pipeline; not connected. */
        MqttConnection adopt(String clientId, List<String> subscriptions);

        /** Whether the instance's own connections are up. */
        boolean ownConnected();

        /** How often the instance's own connections were lost so far (a broker restart or network fault counts). */
        long ownLosses();

        /** The connection is no longer adopted: closed for good, no longer counted. */
        void handBack(MqttConnection connection, boolean takenOver);
    }

    private final MqttMembers members;
    private final Host host;
    private final String instanceId;
    private final String shareGroup;
    private final List<String> subscriptions;
    private final List<String> ownIds;
    private final Duration heartbeat;
    private final Duration after;
    private final Duration reconnectDelay;
    private final Map<String, MqttConnection> held = new ConcurrentHashMap<>();
    private final Set<String> own;
    /** Claims given up while the database could not be written; released at the next cycle. */
    private final Set<String> unreleased = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService executor;
    /** Since when the own heartbeat has been written without a gap (database time); null after a failure. */
    private Instant heartbeatOkSince;
    private String lastProblem;

    MqttAdoption(MqttMembers members, Host host, String shareGroup, List<String> subscriptions, List<String> ownIds,
                 MqttSettings.Adoption settings, Duration reconnectDelay) {
        this.members = members;
        this.host = host;
        this.instanceId = newInstanceId();
        this.shareGroup = shareGroup;
        this.subscriptions = List.copyOf(subscriptions);
        this.ownIds = List.copyOf(ownIds);
        this.own = Set.copyOf(ownIds);
        this.heartbeat = settings.heartbeat();
        this.after = settings.after();
        this.reconnectDelay = reconnectDelay;
    }

    /** This process's id in {@code mqtt_member}: host, process id and a random part (a restart is a new instance). */
    static String newInstanceId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "host");
        return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    String instanceId() {
        return instanceId;
    }

    /** Client ids adopted now. */
    Set<String> adopted() {
        return Set.copyOf(held.keySet());
    }

    int adoptedCount() {
        return held.size();
    }

    /**
     * Writes the heartbeat once, before the consumer connects: a surviving instance then sees this one as alive and
     * does not take its session while it connects. When the database cannot be reached the consumer connects anyway
     * (an adopter it meets lets go of the session and records the stale heartbeat, so there is no ping-pong).
     */
    void register() {
        try {
            members.heartbeat(instanceId, shareGroup, subscriptions, ownIds, members.now());
            LOG.info("MQTT adoption: instance {} registered client id(s) {} of share group {}", instanceId, ownIds,
                    shareGroup);
        } catch (Exception e) {
            LOG.warn("MQTT adoption: heartbeat of {} not written before connecting ({}); trying again every {}",
                    ownIds, e.getMessage(), heartbeat);
        }
    }

    /** Starts the heartbeat and adoption cycle. */
    void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hub-mqtt-adoption");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::cycle, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the heartbeat and adoption cycle (the adopted connections stay until {@link #stop()}). */
    void stopCycle() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the cycle, closes the adopted connections and releases their claims (a survivor takes them at once). */
    void stop() {
        stopCycle();
        for (String id : List.copyOf(held.keySet())) {
            MqttConnection c = held.remove(id);
            host.handBack(c, false);
            try {
                members.release(id, instanceId, false, Instant.EPOCH);
            } catch (Exception e) {
                LOG.debug("MQTT adoption: release of {} at stop: {}", id, e.getMessage());
            }
        }
    }

    /** One heartbeat: own heartbeat, the adopted sessions' owners, new adoptions. Runs on the adoption thread. */
    void cycle() {
        try {
            Instant now = members.now();
            Instant staleBefore = now.minus(after);
            members.heartbeat(instanceId, shareGroup, subscriptions, ownIds, now);
            if (heartbeatOkSince == null) {
                heartbeatOkSince = now;
            }
            for (String id : List.copyOf(unreleased)) {
                releaseTakenOver(id);
            }
            for (String id : List.copyOf(held.keySet())) {
                checkHeld(id, staleBefore);
            }
            if (now.isBefore(heartbeatOkSince.plus(after))) {
                return; // not long enough alive (or back at the database) to judge the others
            }
            for (MqttMembers.Member m : members.adoptable(instanceId, shareGroup, staleBefore)) {
                if (!own.contains(m.clientId()) && !held.containsKey(m.clientId())
                        && members.claim(m.clientId(), instanceId, shareGroup, now, staleBefore)) {
                    adopt(m);
                }
            }
            lastProblem = null;
        } catch (Exception e) {
            heartbeatOkSince = null;
            if (!String.valueOf(e.getMessage()).equals(lastProblem)) {
                LOG.warn("MQTT adoption: heartbeat or adoption failed ({}); adopting nothing until the heartbeat has"
                        + " been written again for {}", e.getMessage(), after);
            }
            lastProblem = String.valueOf(e.getMessage());
        }
    }

    private void checkHeld(String id, Instant staleBefore) throws Exception {
        MqttMembers.State state = members.state(id);
        if (state == null || !instanceId.equals(state.adoptedBy())) {
            LOG.warn("MQTT adoption: the claim on {} went to {}; closing the adopted connection", id,
                    state == null ? "nobody" : state.adoptedBy());
            close(id, false);
        } else if (!state.heartbeatAt().isBefore(staleBefore)) {
            LOG.info("MQTT adoption: the owner of {} is back (heartbeat {}); handing its session back", id,
                    state.heartbeatAt());
            close(id, false);
            members.release(id, instanceId, false, staleBefore);
        }
    }

    private void adopt(MqttMembers.Member m) {
        List<String> subs = m.subscriptions().isEmpty() ? subscriptions : m.subscriptions();
        MqttConnection c = host.adopt(m.clientId(), subs);
        held.put(m.clientId(), c);
        c.onLost(reason -> {
            try {
                executor.execute(() -> lost(m.clientId(), c, reason));
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // the consumer stops: the connection is closed with it
            }
        });
        LOG.info("MQTT adoption: instance {} adopted the session of {} (heartbeat older than {}), subscriptions {}",
                instanceId, m.clientId(), after, subs);
        c.connect();
    }

    /**
     * An adopted connection was lost. The broker may have given the session to another connection with the id:
     * HiveMQ says so (reason code 0x8E), Mosquitto 2.0.11 just closes the connection. So, after the reconnect delay:
     * an owner whose heartbeat is fresh again gets its session (hand back); a claim that went to another instance is
     * dropped; when this instance's own connections stayed up all the while (the broker and the network were fine),
     * another connection took the session — its owner, alive but without the database — and it is handed back too
     * (with the stale heartbeat recorded, so that it is not adopted again before the owner writes a newer one).
     * Otherwise (a broker restart, a network fault) the adopted connection is opened again.
     */
    private void lost(String id, MqttConnection c, int reason) {
        if (held.get(id) != c) {
            return;
        }
        if (reason == MqttConnection.SESSION_TAKEN_OVER) {
            LOG.info("MQTT adoption: the broker gave the session of {} to another connection (0x8E); not reconnecting",
                    id);
            close(id, true);
            releaseTakenOver(id);
            return;
        }
        long ownLosses = host.ownLosses();
        boolean ownUp = host.ownConnected();
        executor.schedule(() -> decide(id, c, ownUp, ownLosses), reconnectDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void decide(String id, MqttConnection c, boolean ownUp, long ownLosses) {
        if (held.get(id) != c) {
            return;
        }
        try {
            checkHeld(id, members.now().minus(after));
        } catch (Exception e) {
            LOG.debug("MQTT adoption: state of {} not readable ({})", id, e.getMessage());
        }
        if (held.get(id) != c) {
            return; // handed back to its owner, or the claim went elsewhere
        }
        if (ownUp && host.ownConnected() && host.ownLosses() == ownLosses) {
            LOG.warn("MQTT adoption: the broker closed the adopted connection of {} while this instance's own stayed"
                    + " up: another connection took the session (its owner, alive but without a fresh heartbeat);"
                    + " handing it back, not adopted again before its owner writes a heartbeat", id);
            close(id, true);
            releaseTakenOver(id);
            return;
        }
        c.connect();
    }

    /** Releases a claim whose session the broker gave away; kept for the next cycle while the database is away. */
    private void releaseTakenOver(String id) {
        try {
            members.release(id, instanceId, true, members.now().minus(after));
            unreleased.remove(id);
        } catch (Exception e) {
            unreleased.add(id);
            LOG.debug("MQTT adoption: release of {} not written yet: {}", id, e.getMessage());
        }
    }

    private void close(String id, boolean takenOver) {
        MqttConnection c = held.remove(id);
        if (c != null) {
            host.handBack(c, takenOver);
        }
    }
}
