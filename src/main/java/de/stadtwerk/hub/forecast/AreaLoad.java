package de.stadtwerk.hub.forecast;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The expected load of the whole area: from the measured grid load where a series is configured and has enough
 * history (fitted as a mix of the standard load profiles, {@link LoadMixCalibration}), else from the BDEW standard
 * load profiles scaled by the configured annual consumption (H0 dynamised, holidays of the state).
 */
public final class AreaLoad {

    /** Minimum measured hours in the window before the measured load is used. */
    static final int MIN_MEASURED_HOURS = 48;
    /** Profile features are computed for this annual consumption, kWh (their scale does not matter to the fit). */
    private static final double FEATURE_KWH = 1_000_000.0;

    /** The load and how it was obtained. */
    public record Estimate(List<LoadInterval> hours, String method, String measuredSeries, int measuredHours) {
    }

    public static final String METHOD_SLP = "bdew-standard-load-profiles";
    public static final String METHOD_MEASURED = "measured-grid-load";

    private final StandardLoadModel model;
    private final Map<LoadProfileId, Double> annualKWh;
    private final String measuredSeries;
    private final HourlyMeasurements measurements;
    private final int windowDays;
    private final ZoneId zone;

    /**
     * @param measuredSeries series id of the measured grid load (W), or blank/null for none
     * @param windowDays     days of measured history used for the fit
     */
    public AreaLoad(StandardLoadModel model, Map<LoadProfileId, Double> annualKWh, String measuredSeries,
                    HourlyMeasurements measurements, int windowDays, ZoneId zone) {
        this.model = model;
        this.annualKWh = new EnumMap<>(annualKWh);
        this.measuredSeries = measuredSeries == null || measuredSeries.isBlank() ? null : measuredSeries.trim();
        this.measurements = measurements;
        this.windowDays = windowDays;
        this.zone = zone;
    }

    /**
     * The shape of the load within each hour of [from, to) from the standard load profiles: per quarter-hour start,
     * the quarter's load divided by the mean of its hour (the four factors of an hour average 1). Multiplying an
     * hourly load (profile or measured) by it gives quarter-hour loads with the same hourly mean.
     */
    public Map<Instant, Double> quarterShape(Instant from, Instant to) {
        Map<Instant, Double> quarters = new java.util.TreeMap<>();
        LocalDate first = from.atZone(zone).toLocalDate();
        LocalDate last = to.minusNanos(1).atZone(zone).toLocalDate();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            for (Map.Entry<LoadProfileId, Double> e : annualKWh.entrySet()) {
                for (LoadInterval q : model.quarterHours(d, e.getKey(), e.getValue())) {
                    quarters.merge(q.start(), q.watts(), Double::sum);
                }
            }
        }
        Map<Instant, Double> hourSums = new java.util.HashMap<>();
        quarters.forEach((t, w) -> hourSums.merge(t.truncatedTo(java.time.temporal.ChronoUnit.HOURS), w, Double::sum));
        Map<Instant, Double> shape = new java.util.HashMap<>();
        quarters.forEach((t, w) -> {
            double hourMean = hourSums.get(t.truncatedTo(java.time.temporal.ChronoUnit.HOURS)) / 4.0;
            shape.put(t, hourMean > 0 ? w / hourMean : 1.0);
        });
        return shape;
    }

    /** Hourly load for [from, to). */
    public Estimate hourly(Instant from, Instant to) {
        if (measuredSeries != null) {
            Estimate measured = fromMeasured(from, to);
            if (measured != null) {
                return measured;
            }
        }
        List<LoadInterval> sum = null;
        for (Map.Entry<LoadProfileId, Double> e : annualKWh.entrySet()) {
            List<LoadInterval> part = model.hourly(from, to, e.getKey(), e.getValue());
            sum = sum == null ? part : add(sum, part);
        }
        return new Estimate(sum == null ? List.of() : sum, METHOD_SLP, measuredSeries, 0);
    }

    private Estimate fromMeasured(Instant from, Instant to) {
        LocalDate today = from.atZone(zone).toLocalDate();
        Instant historyFrom = today.minusDays(windowDays).atStartOfDay(zone).toInstant();
        Instant historyTo = today.atStartOfDay(zone).toInstant();
        Map<Instant, Double> measured = measurements.hourlyMeans(measuredSeries, historyFrom, historyTo);
        if (measured.size() < MIN_MEASURED_HOURS) {
            return null;
        }
        List<LoadProfileId> profiles = new ArrayList<>(annualKWh.keySet());
        List<List<LoadInterval>> past = features(profiles, historyFrom, historyTo);
        List<LoadMixCalibration.Sample> samples = new ArrayList<>();
        for (int i = 0; i < past.get(0).size(); i++) {
            Double m = measured.get(past.get(0).get(i).start());
            if (m != null) {
                samples.add(new LoadMixCalibration.Sample(past.get(0).get(i).start().atZone(zone).toLocalDate(),
                        row(past, i), m));
            }
        }
        double[] coefficients = new LoadMixCalibration(windowDays).fit(samples, today);
        if (coefficients == null) {
            return null;
        }
        List<List<LoadInterval>> future = features(profiles, from, to);
        List<LoadInterval> result = new ArrayList<>();
        for (int i = 0; i < future.get(0).size(); i++) {
            LoadInterval h = future.get(0).get(i);
            result.add(new LoadInterval(h.start(), h.end(),
                    Math.max(0.0, LoadMixCalibration.predict(coefficients, row(future, i)))));
        }
        return new Estimate(result, METHOD_MEASURED, measuredSeries, samples.size());
    }

    private List<List<LoadInterval>> features(List<LoadProfileId> profiles, Instant from, Instant to) {
        List<List<LoadInterval>> result = new ArrayList<>();
        for (LoadProfileId p : profiles) {
            result.add(model.hourly(from, to, p, FEATURE_KWH));
        }
        return result;
    }

    private static double[] row(List<List<LoadInterval>> features, int i) {
        double[] r = new double[features.size()];
        for (int p = 0; p < r.length; p++) {
            r[p] = features.get(p).get(i).watts();
        }
        return r;
    }

    private static List<LoadInterval> add(List<LoadInterval> a, List<LoadInterval> b) {
        List<LoadInterval> r = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            r.add(new LoadInterval(a.get(i).start(), a.get(i).end(), a.get(i).watts() + b.get(i).watts()));
        }
        return r;
    }
}
