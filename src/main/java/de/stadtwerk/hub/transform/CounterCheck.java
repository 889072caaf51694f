package de.stadtwerk.hub.transform;

import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import de.stadtwerk.hub.model.Quantity;
import de.stadtwerk.hub.store.ReadingSpan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

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
    public record Result(List<Observation> observations, List<Flag> flags, List<Pending> newest,
                         List<Pending> inFlight) {
    }

    /** A reading of a series: one of a batch in work (registered by {@link #check}, removed by {@link #finished}). */
    public record Pending(String series, Reading reading) {
    }

    /** A reading of a counter series. */
    public record Reading(Instant start, double value) {
    }

    /** Below this relative difference two readings count as equal (double rounding of unit conversions). */
    private static final double TOLERANCE = 1e-12;

    /** Last committed reading per series, least recently used first; null: no cache. Guarded by {@code this}. */
    private final Map<String, Reading> cache;
    /**
     * Readings of batches checked but not yet committed or failed, per series (a few: one per batch in work);
     * guarded by {@code this}.
     */
    private final Map<String, List<Reading>> inFlight = new HashMap<>();

    /** @param cacheSize series whose last committed reading is kept in memory; 0: always ask the store */
    public CounterCheck(int cacheSize) {
        if (cacheSize < 0) {
            throw new IllegalArgumentException("hub.ingest.counter-cache-size must not be negative, was " + cacheSize);
        }
        this.cache = cacheSize == 0 ? null : new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Reading> eldest) {
                return size() > cacheSize;
            }
        };
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
        Map<String, SeriesReadings> bySeries = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            Observation o = batch.get(i);
            if (isCounterReading(o)) {
                SeriesReadings readings = bySeries.get(o.seriesId());
                if (readings == null) {
                    bySeries.put(o.seriesId(), new SeriesReadings(o.seriesId(), i));
                } else {
                    readings.add(i);
                }
            }
        }
        if (bySeries.isEmpty()) {
            return new Result(batch, List.of(), List.of(), List.of());
        }
        for (SeriesReadings readings : bySeries.values()) {
            readings.order(batch);
        }
        // one batch at a time from here: a batch sees the readings of the batches checked before it (in work on other
        // connections, uncommitted), so consecutive batches of one series are compared correctly within the process
        synchronized (this) {
            Map<String, ReadingSpan> ask = new HashMap<>();
            for (SeriesReadings readings : bySeries.values()) {
                Reading cached = useCache && cache != null ? cache.get(readings.series) : null;
                if (cached != null && cached.start().isBefore(readings.first(batch))) {
                    readings.cached = cached; // before all of the batch's readings: the one stored before them
                } else {
                    ask.put(readings.series, new ReadingSpan(readings.first(batch), readings.last(batch)));
                }
            }
            if (!ask.isEmpty()) {
                history.readings(ask).forEach((series, stored) -> {
                    SeriesReadings readings = bySeries.get(series);
                    if (readings != null) {
                        readings.stored = stored;
                    }
                });
            }
            List<Observation> out = batch;
            List<Flag> flags = new ArrayList<>();
            List<Pending> newest = new ArrayList<>(useCache ? bySeries.size() : 0);
            List<Pending> registered = new ArrayList<>(batch.size());
            for (SeriesReadings readings : bySeries.values()) {
                // readings of other batches in work (checked before this one, not yet committed) count as stored
                List<Reading> pending = inFlight.get(readings.series);
                Reading inBatch = null;
                for (int k = 0; k < readings.size; k++) {
                    Observation o = batch.get(readings.indices[k]);
                    Reading inStore = latestBefore(readings, pending, o.start());
                    Reading previous = inBatch != null && (inStore == null || !inBatch.start().isBefore(inStore.start()))
                            ? inBatch : inStore;
                    Flag flag = previous == null ? null : flag(o, previous);
                    if (flag != null) {
                        if (out == batch) {
                            out = new ArrayList<>(batch);
                        }
                        out.set(readings.indices[k], o.withQuality(flag.quality()));
                        flags.add(flag);
                    }
                    inBatch = new Reading(o.start(), o.value());
                }
                Reading last = inBatch;
                if (useCache && !storedAfter(readings.stored, pending, last.start())) {
                    newest.add(new Pending(readings.series, last));
                }
                if (pending == null) {
                    pending = new ArrayList<>(2);
                    inFlight.put(readings.series, pending);
                }
                for (int k = 0; k < readings.size; k++) {
                    Observation o = batch.get(readings.indices[k]);
                    Reading reading = k == readings.size - 1 ? last : new Reading(o.start(), o.value());
                    register(pending, reading);
                    registered.add(new Pending(readings.series, reading));
                }
            }
            return new Result(out, flags, newest, registered);
        }
    }

    /**
     * The latest reading before {@code t} among the stored ones and those of other batches in work (which win at the
     * same instant); null when there is none.
     */
    private static Reading latestBefore(SeriesReadings readings, List<Reading> pending, Instant t) {
        NavigableMap<Instant, Double> stored = readings.stored;
        Reading latest = readings.cached;
        if (stored != null) {
            Map.Entry<Instant, Double> e = stored.lowerEntry(t);
            if (e != null) {
                latest = new Reading(e.getKey(), e.getValue());
            }
        }
        if (pending != null) {
            int at = search(pending, t);
            int before = (at >= 0 ? at : -at - 1) - 1;
            if (before >= 0 && (latest == null || !pending.get(before).start().isBefore(latest.start()))) {
                latest = pending.get(before);
            }
        }
        return latest;
    }

    /** Whether a stored reading or one of another batch in work is later than {@code t}. */
    private static boolean storedAfter(NavigableMap<Instant, Double> stored, List<Reading> pending, Instant t) {
        return stored != null && stored.higherKey(t) != null
                || pending != null && !pending.isEmpty() && pending.get(pending.size() - 1).start().isAfter(t);
    }

    /**
     * Adds a reading in work to its series' list (in time order); one of an earlier batch at the same instant is
     * replaced (the later batch wins).
     */
    private static void register(List<Reading> pending, Reading reading) {
        if (pending.isEmpty() || pending.get(pending.size() - 1).start().isBefore(reading.start())) {
            pending.add(reading); // the usual case: newer than everything in work
            return;
        }
        int at = search(pending, reading.start());
        if (at >= 0) {
            pending.set(at, reading);
        } else {
            pending.add(-at - 1, reading);
        }
    }

    /** Binary search by instant in a list in time order: the index, or (-(insertion point) - 1). */
    private static int search(List<Reading> readings, Instant t) {
        int low = 0;
        int high = readings.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = readings.get(mid).start().compareTo(t);
            if (c < 0) {
                low = mid + 1;
            } else if (c > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
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
        if (result.inFlight().isEmpty()) {
            return;
        }
        synchronized (this) {
            List<Pending> done = result.inFlight();
            for (int i = done.size() - 1; i >= 0; i--) { // newest first: removed from the end of the series' list
                Pending p = done.get(i);
                List<Reading> pending = inFlight.get(p.series());
                int at = pending == null ? -1 : search(pending, p.reading().start());
                // by identity: a reading replaced by a later batch's at the same instant stays that batch's
                if (at >= 0 && pending.get(at) == p.reading()) {
                    pending.remove(at);
                    if (pending.isEmpty()) {
                        inFlight.remove(p.series());
                    }
                }
            }
            if (committed && cache != null) {
                for (Pending p : result.newest()) {
                    cache.merge(p.series(), p.reading(), (old, now) -> now.start().isBefore(old.start()) ? old : now);
                }
            }
        }
    }

    /** The readings of one series in a batch: their indices, in time order, one per instant (the last one wins). */
    private static final class SeriesReadings {
        final String series;
        int[] indices;
        int size;
        /** Stored readings around the batch's, from the store; null: none or {@link #cached}. */
        NavigableMap<Instant, Double> stored;
        /** The cache's last committed reading, older than all of the batch's; null when the store was asked. */
        Reading cached;

        SeriesReadings(String series, int first) {
            this.series = series;
            this.indices = new int[] {first};
            this.size = 1;
        }

        void add(int index) {
            if (size == indices.length) {
                indices = Arrays.copyOf(indices, size * 2);
            }
            indices[size++] = index;
        }

        /** Sorts by time (stable: batch order at the same instant) and keeps the last reading of each instant. */
        void order(List<Observation> batch) {
            boolean ordered = true;
            for (int i = 1; i < size && ordered; i++) {
                ordered = batch.get(indices[i - 1]).start().isBefore(batch.get(indices[i]).start());
            }
            if (ordered) {
                return; // the usual case: one reading, or readings in time order without repeats
            }
            Integer[] boxed = new Integer[size];
            for (int i = 0; i < size; i++) {
                boxed[i] = indices[i];
            }
            Arrays.sort(boxed, Comparator.comparing(index -> batch.get(index).start())); // stable
            int kept = 0;
            for (int i = 0; i < size; i++) {
                boolean sameAsNext = i + 1 < size && batch.get(boxed[i + 1]).start().equals(batch.get(boxed[i]).start());
                if (!sameAsNext) {
                    indices[kept++] = boxed[i];
                }
            }
            size = kept;
        }

        Instant first(List<Observation> batch) {
            return batch.get(indices[0]).start();
        }

        Instant last(List<Observation> batch) {
            return batch.get(indices[size - 1]).start();
        }
    }
}
