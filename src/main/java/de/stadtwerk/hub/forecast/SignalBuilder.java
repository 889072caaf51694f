package de.stadtwerk.hub.forecast;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link EnergiewetterSignal} from hourly expectations: coverage, availability, level by the thresholds, and
 * per local day the best window of {@code windowHours} consecutive hours (highest mean metric; the earliest on a tie;
 * a day with fewer hours than the window, e.g. the last partial day, gets none).
 */
public final class SignalBuilder {

    private final SignalThresholds thresholds;
    private final int windowHours;
    private final ZoneId zone;

    public SignalBuilder(SignalThresholds thresholds, int windowHours, ZoneId zone) {
        if (windowHours < 1 || windowHours > 24) {
            throw new IllegalArgumentException("best window must be 1..24 hours, got " + windowHours);
        }
        this.thresholds = thresholds;
        this.windowHours = windowHours;
        this.zone = zone;
    }

    public EnergiewetterSignal build(String area, Instant issuedAt, double ratedPowerW, List<HourlyExpectation> input) {
        Map<LocalDate, List<Integer>> byDay = new LinkedHashMap<>();
        double[] metric = new double[input.size()];
        for (int i = 0; i < input.size(); i++) {
            HourlyExpectation h = input.get(i);
            double gen = h.pvW() + h.windW();
            metric[i] = thresholds.metric() == SignalThresholds.Metric.COVERAGE
                    ? SignalThresholds.ratio(gen, h.loadW()) : SignalThresholds.ratio(gen, ratedPowerW);
            byDay.computeIfAbsent(h.start().atZone(zone).toLocalDate(), d -> new ArrayList<>()).add(i);
        }
        boolean[] inWindow = new boolean[input.size()];
        List<BestWindow> windows = new ArrayList<>();
        byDay.forEach((day, idx) -> {
            int best = bestStart(idx, metric);
            if (best >= 0) {
                double mean = mean(idx, best, metric);
                for (int k = best; k < best + windowHours; k++) {
                    inWindow[idx.get(k)] = true;
                }
                windows.add(new BestWindow(day, input.get(idx.get(best)).start(),
                        input.get(idx.get(best + windowHours - 1)).end(), windowHours, mean, thresholds.level(mean)));
            }
        });
        List<SignalHour> hours = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            HourlyExpectation h = input.get(i);
            double gen = h.pvW() + h.windW();
            double cov = SignalThresholds.ratio(gen, h.loadW());
            double avail = SignalThresholds.ratio(gen, ratedPowerW);
            hours.add(new SignalHour(h.start(), h.end(), h.pvW(), h.windW(), gen, h.loadW(),
                    Double.isFinite(cov) ? cov : null, Double.isFinite(avail) ? avail : null,
                    thresholds.level(metric[i]), inWindow[i]));
        }
        return new EnergiewetterSignal(area, issuedAt, ratedPowerW, thresholds.metric(), thresholds.greenFrom(),
                thresholds.yellowFrom(), hours, windows);
    }

    /** Position in {@code idx} of the best window's first hour, or −1 if the day is shorter than the window. */
    int bestStart(List<Integer> idx, double[] metric) {
        int best = -1;
        double bestMean = Double.NEGATIVE_INFINITY;
        for (int s = 0; s + windowHours <= idx.size(); s++) {
            double m = mean(idx, s, metric);
            if (m > bestMean) {
                bestMean = m;
                best = s;
            }
        }
        return best;
    }

    private double mean(List<Integer> idx, int from, double[] metric) {
        double sum = 0;
        for (int k = from; k < from + windowHours; k++) {
            double v = metric[idx.get(k)];
            sum += Double.isFinite(v) ? v : 0.0;
        }
        return sum / windowHours;
    }
}
