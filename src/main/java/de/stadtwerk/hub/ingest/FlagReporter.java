package de.stadtwerk.hub.ingest;

import de.stadtwerk.hub.transform.CounterCheck;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where operators see why a stored value's quality was lowered (the store keeps only the quality): the metric
 * {@code hub_observations_flagged_total{check}} ({@code counter_decrease}, {@code counter_rollover},
 * {@code site_range}) counts every flagged value, and a WARN line with the reason is logged at most once per series
 * and check per {@link #LOG_INTERVAL} (with the number of flags since the last line), so a broken meter does not
 * flood the log.
 */
public final class FlagReporter {

    /** Check name of a value outside the configured range (hub.plausibility.ranges) but physically possible. */
    public static final String SITE_RANGE = "site_range";

    static final Duration LOG_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_TRACKED = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(FlagReporter.class);

    private record Logged(long atMillis, int suppressed) {
    }

    private final Supplier<MeterRegistry> registry;
    private final Clock clock;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Logged> lastLog = new ConcurrentHashMap<>();

    /** @param registry the metrics registry, looked up when the first flag is counted (may give null: no metric) */
    public FlagReporter(Supplier<MeterRegistry> registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** A reporter that only logs. */
    public static FlagReporter logOnly(Clock clock) {
        return new FlagReporter(() -> null, clock);
    }

    /** Counts and (rate-limited) logs the flags of a committed write. */
    public void report(List<CounterCheck.Flag> flags) {
        for (CounterCheck.Flag f : flags) {
            count(f.check());
            log(f);
        }
    }

    private void count(String check) {
        Counter c = counters.get(check);
        if (c == null) {
            MeterRegistry r = registry.get();
            if (r == null) {
                return;
            }
            c = counters.computeIfAbsent(check, k -> Counter.builder("hub.observations.flagged")
                    .description("values stored with a lowered quality (SUSPECT/INVALID) by an ingest check")
                    .tag("check", k).register(r));
        }
        c.increment();
    }

    private void log(CounterCheck.Flag f) {
        long now = clock.millis();
        String key = f.seriesId() + '\u0000' + f.check();
        if (lastLog.size() > MAX_TRACKED) {
            lastLog.clear();
        }
        Logged before = lastLog.get(key);
        if (before != null && now - before.atMillis() < LOG_INTERVAL.toMillis()) {
            lastLog.put(key, new Logged(before.atMillis(), before.suppressed() + 1));
            return;
        }
        lastLog.put(key, new Logged(now, 0));
        int suppressed = before == null ? 0 : before.suppressed();
        LOG.warn("Stored {} with quality {}: series {} at {}: {}{}", f.check(), f.quality(), f.seriesId(), f.start(),
                f.reason(), suppressed == 0 ? "" : " (" + suppressed + " more of this series and check since the last line)");
    }
}
