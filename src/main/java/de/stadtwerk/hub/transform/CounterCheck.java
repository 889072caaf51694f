package de.stadtwerk.hub.transform;

import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import de.stadtwerk.hub.model.Quantity;
import de.stadtwerk.hub.store.ReadingSpan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Consecutive readings of a cumulative counter (an instant value of a {@linkplain Quantity#isCounter() counter
 * quantity}: energy registers, gas and water volume registers): each reading is compared with the reading just
 * before it in time, of any quality — the one before it in the same batch, else the latest stored before it.
 *
 * <ul>
 *   <li>a roll-over (the previous reading in the top tenth of its register, i.e. at least 0.9 × 10^n, the new one in
 *   the bottom tenth, below 0.1 × 10^n) is stored {@link Quality#SUSPECT}: it is probably right, but cannot be told
 *   apart from a meter exchange; the consumption across it is {@link #delta(double, double)};</li>
 *   <li>any other decrease is stored {@link Quality#INVALID}: a register does not run backwards;</li>
 *   <li>a quality that is already worse (or a {@code FORECAST}) is kept.</li>
 * </ul>
 *
 * <p>Stored predecessors come from a {@link History} (one query per batch for all its series). A small bounded cache
 * of the last committed reading per series answers instead for a series whose readings in the batch are all newer
 * than the cached one; late or repeated readings always consult the store. The cache is only correct when this
 * process is the only writer of its series: switch it off (size 0) when several instances ingest. Batches are checked
 * one at a time, and the readings of batches checked but not yet committed (another MQTT pipeline's) count as stored
 * until {@link #finished}.
 */
public final class CounterCheck {

    /** Metric/log names of the checks. */
    public static final String DECREASE = "counter_decrease";
    public static final String ROLLOVER = "counter_rollover";

    /** What the comparison with the previous reading found. */
    public enum Verdict { OK, DECREASE, ROLLOVER }

    /**
     * Stored readings (instants) of counter series: per series the latest before {@code from}, all in the span and the
     * first after it.
     */
    @FunctionalInterface
    public interface History {
        Map<String, NavigableMap<Instant, Double>> readings(Map<String, ReadingSpan> spans);
    }

    /** A reading whose quality the check lowered, and why. */
    public record Flag(String seriesId, Instant start, String check, Quality quality, String reason) {
    }

    /**
     * The batch (same order and size, flagged readings replaced) and the flags; {@code newest}: per series the batch's
     * last reading when nothing later is stored (what the cache may keep once the batch is committed).
     */
    public record Result(List<Observation> observations, List<Flag> flags, Map<String, Reading> newest,
                         List<Pending> inFlight) {
    }

    /** A reading of a batch in work: registered by {@link #check}, removed by {@link #finished}. */
    public record Pending(String series, Reading reading) {
    }

    /** A reading of a counter series. */
    public record Reading(Instant start, double value) {
    }

    /** Below this relative difference two readings count as equal (double rounding of unit conversions). */
    private static final double TOLERANCE = 1e-12;

    private final Map<String, Reading> cache;
    /** Readings of batches checked but not yet committed or failed, per series; guarded by {@code this}. */
    private final Map<String, NavigableMap<Instant, Reading>> inFlight = new HashMap<>();

    /** @param cacheSize series whose last committed reading is kept in memory; 0: always ask the store */
    public CounterCheck(int cacheSize) {
        if (cacheSize < 0) {
            throw new IllegalArgumentException("hub.ingest.counter-cache-size must not be negative, was " + cacheSize);
        }
        this.cache = cacheSize == 0 ? null : Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Reading> eldest) {
                return size() > cacheSize;
            }
        });
    }

    /** The smallest power of ten above {@code previous}: the register's wrap-around value. */
    static double registerMax(double previous) {
        double max = Math.pow(10, Math.ceil(Math.log10(Math.max(previous, 1))));
        return max <= previous ? max * 10 : max;
    }

    /** Compares a reading with the one before it. */
    public static Verdict judge(double previous, double value) {
        if (value >= previous - Math.abs(previous) * TOLERANCE) {
            return Verdict.OK;
        }
        double max = registerMax(previous);
        return previous >= 0.9 * max && value >= 0 && value < 0.1 * max ? Verdict.ROLLOVER : Verdict.DECREASE;
    }

    /**
     * The amount counted between two readings: the difference, or across the wrap ({@code max − previous + value})
     * after a roll-over; NaN after any other decrease.
     */
    public static double delta(double previous, double value) {
        return switch (judge(previous, value)) {
            case OK -> value - previous;
            case ROLLOVER -> registerMax(previous) - previous + value;
            case DECREASE -> Double.NaN;
        };
    }

    /** Whether {@code o} (canonical) is a register reading the check looks at. */
    static boolean isCounterReading(Observation o) {
        Quantity q = Quantity.lookup(o.quantity());
        return q != null && q.isCounter() && o.isInstant() && o.quality() != Quality.FORECAST;
    }

    /**
     * Checks a batch of canonical observations.
     *
     * @param history  the stored readings (asked at most once, for the series the cache cannot answer)
     * @param useCache whether the cache may answer (not inside an uncommitted bulk write)
     */
    public Result check(List<Observation> batch, History history, boolean useCache) {
        Map<String, TreeMap<Instant, Integer>> bySeries = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            Observation o = batch.get(i);
            if (isCounterReading(o)) {
                bySeries.computeIfAbsent(o.seriesId(), s -> new TreeMap<>()).put(o.start(), i); // the last one wins
            }
        }
        if (bySeries.isEmpty()) {
            return new Result(batch, List.of(), Map.of(), List.of());
        }
        // one batch at a time from here: a batch sees the readings of the batches checked before it (in work on other
        // connections, uncommitted), so consecutive batches of one series are compared correctly within the process
        synchronized (this) {
            Map<String, NavigableMap<Instant, Double>> stored = new HashMap<>();
            Map<String, ReadingSpan> ask = new HashMap<>();
            bySeries.forEach((series, readings) -> {
                Reading cached = useCache && cache != null ? cache.get(series) : null;
                if (cached != null && cached.start().isBefore(readings.firstKey())) {
                    stored.put(series, new TreeMap<>(Map.of(cached.start(), cached.value())));
                } else {
                    ask.put(series, new ReadingSpan(readings.firstKey(), readings.lastKey()));
                }
            });
            if (!ask.isEmpty()) {
                stored.putAll(history.readings(ask));
            }
            List<Pending> registered = new ArrayList<>(batch.size());
            bySeries.forEach((series, readings) -> {
                // readings of other batches in work (checked before this one, not yet committed) count as stored
                NavigableMap<Instant, Reading> pending = inFlight.get(series);
                if (pending != null) {
                    NavigableMap<Instant, Double> merged = new TreeMap<>(stored.getOrDefault(series, Collections.emptyNavigableMap()));
                    pending.forEach((t, r) -> merged.put(t, r.value()));
                    stored.put(series, merged);
                }
                for (Map.Entry<Instant, Integer> r : readings.entrySet()) {
                    Reading reading = new Reading(r.getKey(), batch.get(r.getValue()).value());
                    inFlight.computeIfAbsent(series, k -> new TreeMap<>()).put(r.getKey(), reading);
                    registered.add(new Pending(series, reading));
                }
            });
            List<Observation> out = batch;
            List<Flag> flags = new ArrayList<>();
            Map<String, Reading> newest = new HashMap<>();
            for (Map.Entry<String, TreeMap<Instant, Integer>> e : bySeries.entrySet()) {
                TreeMap<Instant, Integer> readings = e.getValue();
                NavigableMap<Instant, Double> before = stored.getOrDefault(e.getKey(), Collections.emptyNavigableMap());
                for (Map.Entry<Instant, Integer> r : readings.entrySet()) {
                    Map.Entry<Instant, Integer> inBatch = readings.lowerEntry(r.getKey());
                    Map.Entry<Instant, Double> inStore = before.lowerEntry(r.getKey());
                    Reading previous = inBatch != null && (inStore == null || !inBatch.getKey().isBefore(inStore.getKey()))
                            ? new Reading(inBatch.getKey(), batch.get(inBatch.getValue()).value())
                            : inStore != null ? new Reading(inStore.getKey(), inStore.getValue()) : null;
                    Observation o = batch.get(r.getValue());
                    Flag flag = previous == null ? null : flag(o, previous);
                    if (flag != null) {
                        if (out == batch) {
                            out = new ArrayList<>(batch);
                        }
                        out.set(r.getValue(), o.withQuality(flag.quality()));
                        flags.add(flag);
                    }
                }
                if (before.higherKey(readings.lastKey()) == null) {
                    newest.put(e.getKey(), new Reading(readings.lastKey(), batch.get(readings.lastEntry().getValue()).value()));
                }
            }
            return new Result(out, flags, useCache ? newest : Map.of(), registered);
        }
    }

    private static Flag flag(Observation o, Reading previous) {
        Verdict v = judge(previous.value(), o.value());
        if (v == Verdict.OK) {
            return null;
        }
        Quality quality = v == Verdict.ROLLOVER ? Quality.SUSPECT : Quality.INVALID;
        if (o.quality().compareTo(quality) >= 0) {
            return null;
        }
        String reason = v == Verdict.ROLLOVER
                ? "counter roll-over: " + o.value() + " " + o.unit() + " after " + previous.value() + " at "
                        + previous.start() + " (register wraps at " + registerMax(previous.value()) + ", counted "
                        + delta(previous.value(), o.value()) + ")"
                : "counter decrease: " + o.value() + " " + o.unit() + " is below the previous reading "
                        + previous.value() + " at " + previous.start();
        return new Flag(o.seriesId(), o.start(), v == Verdict.ROLLOVER ? ROLLOVER : DECREASE, quality, reason);
    }

    /**
     * Ends a checked batch: its readings are no longer in work; when it was {@code committed}, the cache keeps the newest
     * reading per series. Call it once per checked batch, also when the write failed.
     */
    public void finished(Result result, boolean committed) {
        if (!result.inFlight().isEmpty()) {
            synchronized (this) {
                for (Pending p : result.inFlight()) {
                    String series = p.series();
                    Reading reading = p.reading();
                    NavigableMap<Instant, Reading> pending = inFlight.get(series);
                    if (pending != null && pending.get(reading.start()) == reading) { // not replaced by a later batch
                        pending.remove(reading.start());
                        if (pending.isEmpty()) {
                            inFlight.remove(series);
                        }
                    }
                }
            }
        }
        if (committed && cache != null) {
            result.newest().forEach((series, reading) -> cache.merge(series, reading,
                    (old, now) -> now.start().isBefore(old.start()) ? old : now));
        }
    }
}
