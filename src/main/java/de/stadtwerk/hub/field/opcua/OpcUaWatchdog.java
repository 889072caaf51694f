package de.stadtwerk.hub.field.opcua;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the OPC UA connection, because camel-milo raises no event when it loses or regains the server: the
 * connection is DOWN while the session is known to be inactive, or when no value at all has arrived for the
 * silence timeout (N × the publishing interval). Logs each change once, keeps the last outages, and remembers for each
 * node that its values have a gap, so that the first value after the outage can store the gap as an INVALID interval.
 */
public final class OpcUaWatchdog {

    /** Connection state. */
    public enum State { CONNECTING, UP, DOWN }

    /** One outage as the hub saw it (hub clock). */
    public record Outage(Instant from, Instant to, String reason) {
    }

    /** The state with what led to it. */
    public record Status(State state, String message, Instant since, Instant lastValueAt, List<Outage> outages) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaWatchdog.class);
    private static final int KEPT_OUTAGES = 10;

    private final Clock clock;
    private final Duration silence;
    private final Supplier<OpcUaConnections.SessionState> session;
    private final String endpoint;
    private final Map<String, Instant> lastValue = new ConcurrentHashMap<>();
    private final Set<String> inGap = ConcurrentHashMap.newKeySet();
    private final Deque<Outage> outages = new ArrayDeque<>();
    private volatile Instant lastValueAt;
    private State state = State.CONNECTING;
    private Instant since;
    private String reason = "connecting";

    /**
     * @param silence  no value for this long means DOWN; zero: only the session state counts
     * @param session  the session state (from {@link OpcUaConnections#sessionState()})
     * @param endpoint for messages
     */
    public OpcUaWatchdog(Clock clock, Duration silence, Supplier<OpcUaConnections.SessionState> session, String endpoint) {
        this.clock = clock;
        this.silence = silence;
        this.session = session;
        this.endpoint = endpoint;
        this.since = clock.instant();
    }

    /** A value of {@code nodeId} arrived. */
    public void valueArrived(String nodeId) {
        Instant now = clock.instant();
        lastValueAt = now;
        lastValue.put(nodeId, now);
    }

    /** True (once) when the node's values had a gap since its previous value: the caller stores the gap. */
    public boolean takeGap(String nodeId) {
        return inGap.remove(nodeId);
    }

    public Duration silenceTimeout() {
        return silence;
    }

    /** Evaluates the state now (called every second by the hub, and by the health check). */
    public synchronized Status evaluate() {
        Instant now = clock.instant();
        OpcUaConnections.SessionState s = session.get();
        Instant last = lastValueAt;
        String why = null;
        if (s != null && s.known() && !s.active()) {
            why = "no active OPC UA session with " + endpoint + " (reconnecting with back-off)";
        } else if (last == null) {
            why = s != null && s.known() && s.active() && silence.isZero() ? null : "no value received yet from " + endpoint;
        } else if (!silence.isZero() && Duration.between(last, now).compareTo(silence) > 0) {
            why = "no value from " + endpoint + " for " + Duration.between(last, now).toSeconds() + " s (watchdog: "
                    + silence.toMillis() + " ms)";
        }
        State next = why == null ? State.UP : (state == State.CONNECTING && last == null ? State.CONNECTING : State.DOWN);
        if (next != state) {
            transition(next, why, now);
        }
        reason = why;
        return new Status(state, why == null ? "receiving values from " + endpoint : why, since, last, List.copyOf(outages));
    }

    private void transition(State next, String why, Instant now) {
        if (next == State.DOWN) {
            LOG.warn("OPC UA connection DOWN: {}", why);
            Set<String> nodes = new HashSet<>(lastValue.keySet());
            inGap.addAll(nodes);
        } else if (next == State.UP) {
            if (state == State.DOWN) {
                Outage o = new Outage(since, now, reason);
                outages.addLast(o);
                while (outages.size() > KEPT_OUTAGES) {
                    outages.removeFirst();
                }
                LOG.info("OPC UA connection UP again after {} s ({})", Duration.between(since, now).toSeconds(), endpoint);
            } else {
                LOG.info("OPC UA connection UP: receiving values from {}", endpoint);
            }
        }
        state = next;
        since = now;
    }
}
