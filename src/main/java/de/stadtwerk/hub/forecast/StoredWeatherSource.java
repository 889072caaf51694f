package de.stadtwerk.hub.forecast;

import de.stadtwerk.hub.model.Forecast;
import de.stadtwerk.hub.store.ForecastStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Weather from the forecast store, for one weather asset whose series follow {@code <asset>.<quantity>}:
 * {@code global_irradiance} (W/m², mean over an interval), {@code sunshine_duration} (s per interval),
 * {@code cloud_cover} (%), {@code temperature} (Cel) and {@code wind_speed} (m/s at 10 m), the last three at instants.
 * An hour [h, h+1) takes the interval values that start at h and the mean of the instant values at h and h+1.
 *
 * <p>In replay mode (demo data), when the newest values do not cover the requested hours, the newest recorded run is
 * shifted by whole days so that its first hour lies within the 24 hours up to {@code from}: day and night stay where
 * they were, and the run stands for now. In live mode nothing is shifted: missing hours stay missing.
 */
public final class StoredWeatherSource implements WeatherForecastSource {

    static final String IRRADIANCE = "global_irradiance";
    static final String SUNSHINE = "sunshine_duration";
    static final String CLOUD = "cloud_cover";
    static final String TEMPERATURE = "temperature";
    static final String WIND = "wind_speed";
    private static final List<String> QUANTITIES = List.of(IRRADIANCE, SUNSHINE, CLOUD, TEMPERATURE, WIND);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    private final ForecastStore store;
    private final String asset;
    private final boolean replay;

    /**
     * @param store  the forecast store
     * @param asset  weather asset id, e.g. {@code dwd-10315}
     * @param replay whether a recorded run may be shifted to stand for now (open-data replay mode)
     */
    public StoredWeatherSource(ForecastStore store, String asset, boolean replay) {
        this.store = store;
        this.asset = asset;
        this.replay = replay;
    }

    @Override
    public WeatherRun forecast(Instant from, Instant to) {
        Map<String, List<Forecast>> live = read(q -> store.latest(series(q), from.minus(HOUR), to.plus(HOUR),
                ForecastStore.NEWEST));
        WeatherRun run = run(live, from, to, false, Duration.ZERO);
        long wanted = Duration.between(from, to).toHours();
        if (!replay || run.hours().size() >= wanted) {
            return run;
        }
        Optional<Instant> newest = QUANTITIES.stream().map(q -> store.newestIssue(series(q)))
                .flatMap(Optional::stream).max(Comparator.naturalOrder());
        if (newest.isEmpty()) {
            return run;
        }
        Map<String, List<Forecast>> recorded = read(q -> store.issue(series(q), newest.get()));
        Optional<Instant> first = recorded.values().stream().flatMap(List::stream).map(Forecast::start)
                .min(Comparator.naturalOrder());
        if (first.isEmpty()) {
            return run;
        }
        Duration shift = shiftFor(first.get(), from);
        WeatherRun replayed = run(shifted(recorded, shift), from, to, !shift.isZero(), shift);
        return replayed.hours().size() > run.hours().size() ? replayed : run;
    }

    @Override
    public List<WeatherHour> history(Instant from, Instant to) {
        return hours(read(q -> store.latest(series(q), from, to.plus(HOUR), ForecastStore.NEWEST)), from, to);
    }

    /** Whole days that carry {@code first} into (from − 24 h, from]; zero when it already lies there or later. */
    static Duration shiftFor(Instant first, Instant from) {
        if (!first.isBefore(from.minus(DAY).plusNanos(1))) {
            return Duration.ZERO;
        }
        long days = Duration.between(first, from).toDays();
        return Duration.ofDays(days);
    }

    private String series(String quantity) {
        return asset + "." + quantity;
    }

    private static Map<String, List<Forecast>> read(Function<String, List<Forecast>> reader) {
        Map<String, List<Forecast>> result = new TreeMap<>();
        for (String q : QUANTITIES) {
            result.put(q, reader.apply(q));
        }
        return result;
    }

    private static Map<String, List<Forecast>> shifted(Map<String, List<Forecast>> values, Duration shift) {
        Map<String, List<Forecast>> result = new TreeMap<>();
        values.forEach((q, list) -> result.put(q, list.stream().map(f -> new Forecast(f.seriesId(), f.assetId(),
                f.quantity(), f.value(), f.unit(), f.start().plus(shift), f.end().plus(shift), f.issuedAt(), f.model(),
                f.source())).toList()));
        return result;
    }

    private WeatherRun run(Map<String, List<Forecast>> values, Instant from, Instant to, boolean replayed, Duration shift) {
        List<WeatherHour> hours = hours(values, from, to);
        Forecast newest = values.values().stream().flatMap(List::stream)
                .max(Comparator.comparing(Forecast::issuedAt)).orElse(null);
        if (hours.isEmpty() || newest == null) {
            return WeatherRun.none(asset);
        }
        return new WeatherRun(asset, newest.model(), newest.issuedAt(), newest.source(), replayed, shift, hours);
    }

    /** The hours in [from, to) that have at least one value. */
    static List<WeatherHour> hours(Map<String, List<Forecast>> values, Instant from, Instant to) {
        Map<String, Map<Instant, Double>> intervals = new TreeMap<>();
        Map<String, Map<Instant, Double>> instants = new TreeMap<>();
        values.forEach((q, list) -> {
            for (Forecast f : list) {
                if (f.end().equals(f.start())) {
                    instants.computeIfAbsent(q, k -> new TreeMap<>()).put(f.start(), f.value());
                } else if (Duration.between(f.start(), f.end()).equals(HOUR)) {
                    intervals.computeIfAbsent(q, k -> new TreeMap<>()).put(f.start(), f.value());
                }
            }
        });
        List<WeatherHour> result = new ArrayList<>();
        for (Instant h = from; h.isBefore(to); h = h.plus(HOUR)) {
            Double irradiance = intervalValue(intervals, IRRADIANCE, h);
            Double sunshineS = intervalValue(intervals, SUNSHINE, h);
            Double cloud = instantMean(instants, CLOUD, h);
            Double temperature = instantMean(instants, TEMPERATURE, h);
            Double wind = instantMean(instants, WIND, h);
            if (irradiance == null && sunshineS == null && cloud == null && temperature == null && wind == null) {
                continue;
            }
            result.add(new WeatherHour(h, h.plus(HOUR), irradiance, sunshineS == null ? null : sunshineS / 60.0,
                    cloud == null ? null : cloud / 12.5, temperature, wind));
        }
        return result;
    }

    private static Double intervalValue(Map<String, Map<Instant, Double>> intervals, String q, Instant h) {
        Map<Instant, Double> m = intervals.get(q);
        return m == null ? null : m.get(h);
    }

    private static Double instantMean(Map<String, Map<Instant, Double>> instants, String q, Instant h) {
        Map<Instant, Double> m = instants.get(q);
        if (m == null) {
            return null;
        }
        Double a = m.get(h);
        Double b = m.get(h.plus(HOUR));
        if (a == null || b == null) {
            return a != null ? a : b;
        }
        return (a + b) / 2.0;
    }
}
