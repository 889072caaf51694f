package de.stadtwerk.hub.publish.console;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Per-route counters of this hub instance, kept without JMX (the hub runs with {@code camel.main.jmx-enabled=false}):
 * a route policy on every route counts the exchanges that enter it (also through {@code direct:}), the failed ones,
 * the processing time and the last activity. An exchange counts as failed when it ends with an exception or when the
 * error handling caught one (bad input sent to the quarantine, for example).
 *
 * <p>The counters start at zero with the hub; each instance of a cluster counts its own.
 */
public class RouteStatistics implements RoutePolicyFactory {

    private static final String STARTED = "HubConsoleRouteStarted.";

    /** What is known of one route. Times in epoch milliseconds, 0 when never. */
    public static final class Counter {
        private final LongAdder total = new LongAdder();
        private final LongAdder failed = new LongAdder();
        private final LongAdder inflight = new LongAdder();
        private final LongAdder nanos = new LongAdder();
        private final AtomicLong lastActivity = new AtomicLong();
        private final AtomicLong lastSuccess = new AtomicLong();
        private final AtomicLong lastFailure = new AtomicLong();

        void begin() {
            inflight.increment();
        }

        void done(long durationNanos, boolean wasFailed, long atMillis) {
            inflight.decrement();
            total.increment();
            nanos.add(Math.max(0, durationNanos));
            lastActivity.accumulateAndGet(atMillis, Math::max);
            if (wasFailed) {
                failed.increment();
                lastFailure.accumulateAndGet(atMillis, Math::max);
            } else {
                lastSuccess.accumulateAndGet(atMillis, Math::max);
            }
        }

        public long total() {
            return total.sum();
        }

        public long failed() {
            return failed.sum();
        }

        public long inflight() {
            return Math.max(0, inflight.sum());
        }

        /** Mean processing time in milliseconds, null before the first exchange. */
        public Double meanMillis() {
            long n = total.sum();
            return n == 0 ? null : nanos.sum() / 1e6 / n;
        }

        public Optional<Instant> lastActivity() {
            return instant(lastActivity.get());
        }

        public Optional<Instant> lastSuccess() {
            return instant(lastSuccess.get());
        }

        public Optional<Instant> lastFailure() {
            return instant(lastFailure.get());
        }

        private static Optional<Instant> instant(long millis) {
            return millis == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
        }
    }

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Instant since;

    public RouteStatistics(Clock clock) {
        this.clock = clock;
        this.since = clock.instant();
    }

    /** When counting began (the hub's start). */
    public Instant since() {
        return since;
    }

    /** The counters of a route (all zero when it saw no exchange yet). */
    public Counter of(String routeId) {
        return counters.computeIfAbsent(routeId, id -> new Counter());
    }

    /** Records the start of an exchange in a route. */
    public void begin(String routeId) {
        of(routeId).begin();
    }

    /** Records the end of an exchange in a route. */
    public void done(String routeId, long durationNanos, boolean failed) {
        of(routeId).done(durationNanos, failed, clock.millis());
    }

    /** Failed: an exception is pending, or the error handling caught one since the exchange entered the route. */
    static boolean failed(Exchange exchange, Object caughtBefore) {
        Object caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT);
        return exchange.isFailed() || (caught != null && caught != caughtBefore);
    }

    private record Entry(long startedNanos, Object caughtBefore) {
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        return new RoutePolicySupport() {
            @Override
            public void onExchangeBegin(Route r, Exchange exchange) {
                exchange.setProperty(STARTED + r.getId(),
                        new Entry(System.nanoTime(), exchange.getProperty(Exchange.EXCEPTION_CAUGHT)));
                begin(r.getId());
            }

            @Override
            public void onExchangeDone(Route r, Exchange exchange) {
                Entry entry = exchange.getProperty(STARTED + r.getId(), Entry.class);
                exchange.removeProperty(STARTED + r.getId());
                done(r.getId(), entry == null ? 0 : System.nanoTime() - entry.startedNanos(),
                        failed(exchange, entry == null ? null : entry.caughtBefore()));
            }
        };
    }
}
