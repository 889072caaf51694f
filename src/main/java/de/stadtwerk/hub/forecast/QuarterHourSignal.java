package de.stadtwerk.hub.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Energiewetter signal per quarter-hour, derived from the hourly signal: generation interpolated linearly between
 * the middles of neighbouring hours (the weather forecast is hourly), load shaped within the hour by the standard
 * load profiles' quarter-hours (their four factors average 1, so the hourly load is kept), and coverage,
 * availability and level per quarter by the same thresholds. A quarter belongs to the best window when its hour
 * does.
 */
public final class QuarterHourSignal {

    private static final long QUARTER = 900;

    private QuarterHourSignal() {
    }

    /**
     * @param hourly     the hourly signal of one area
     * @param loadShape  per quarter-hour start, the load factor within its hour (missing: 1)
     */
    public static List<SignalHour> of(EnergiewetterSignal hourly, Map<Instant, Double> loadShape) {
        SignalThresholds thresholds = new SignalThresholds(hourly.metric(), hourly.greenFrom(), hourly.yellowFrom());
        List<SignalHour> hours = hourly.hours();
        List<SignalHour> quarters = new ArrayList<>(hours.size() * 4);
        for (int i = 0; i < hours.size(); i++) {
            SignalHour h = hours.get(i);
            long seconds = Duration.between(h.start(), h.end()).getSeconds();
            int parts = (int) Math.max(1, seconds / QUARTER);
            for (int q = 0; q < parts; q++) {
                Instant start = h.start().plusSeconds(QUARTER * q);
                Instant end = q == parts - 1 ? h.end() : start.plusSeconds(QUARTER);
                Instant middle = start.plusSeconds(QUARTER / 2);
                double pv = interpolate(hours, i, middle, true);
                double wind = interpolate(hours, i, middle, false);
                double load = h.loadW() * loadShape.getOrDefault(start, 1.0);
                double generation = pv + wind;
                double coverage = SignalThresholds.ratio(generation, load);
                double availability = SignalThresholds.ratio(generation, hourly.ratedPowerW());
                double metric = thresholds.metric() == SignalThresholds.Metric.COVERAGE ? coverage : availability;
                quarters.add(new SignalHour(start, end, pv, wind, generation, load,
                        Double.isFinite(coverage) ? coverage : null, Double.isFinite(availability) ? availability : null,
                        thresholds.level(metric), h.bestWindow()));
            }
        }
        return quarters;
    }

    /** Linear between the middles of hour i and its neighbour on the side of t; flat beyond the first/last hour. */
    private static double interpolate(List<SignalHour> hours, int i, Instant t, boolean pv) {
        SignalHour h = hours.get(i);
        Instant mid = middle(h);
        int j = t.isBefore(mid) ? i - 1 : i + 1;
        double v = pv ? h.pvW() : h.windW();
        if (j < 0 || j >= hours.size() || !contiguous(hours.get(Math.min(i, j)), hours.get(Math.max(i, j)))) {
            return v;
        }
        SignalHour n = hours.get(j);
        double nv = pv ? n.pvW() : n.windW();
        double span = Duration.between(mid, middle(n)).toMillis();
        double frac = Duration.between(mid, t).toMillis() / span;
        return Math.max(0.0, v + (nv - v) * frac);
    }

    private static boolean contiguous(SignalHour a, SignalHour b) {
        return a.end().equals(b.start());
    }

    private static Instant middle(SignalHour h) {
        return h.start().plus(Duration.between(h.start(), h.end()).dividedBy(2));
    }
}
