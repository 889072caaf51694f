package de.stadtwerk.hub.forecast;

import java.time.LocalDate;
import java.util.List;

/**
 * Fits a {@link Calibration} for a target day on the samples of the {@code windowDays} days before it — never on the
 * target day or later, whatever the sample list holds. Two stages, both least squares through the origin:
 * <ol>
 *   <li>a scale factor per hour of day, shrunk towards the overall factor (ridge weight {@code shrinkage} times the
 *       mean hourly Σmodelled²), which corrects diurnal bias (orientation mix, day/night wind shear);</li>
 *   <li>optionally a factor per bin of the scaled output (as a fraction of the largest scaled value in the window),
 *       shrunk towards 1, which corrects the shape of the power curve (e.g. a fleet's smoother curve).</li>
 * </ol>
 * With no usable history the calibration is the prior factor.
 */
public final class RollingCalibration {

    private final int windowDays;
    private final double shrinkage;
    private final int levelBins;
    private final double priorFactor;

    /**
     * @param windowDays  how many days before the target day are used
     * @param shrinkage   pull of the hourly factors towards the overall factor (0 = independent hours)
     * @param levelBins   number of output-level bins of the second stage (0 = no second stage)
     * @param priorFactor factor used when there is no history
     */
    public RollingCalibration(int windowDays, double shrinkage, int levelBins, double priorFactor) {
        if (windowDays < 1) {
            throw new IllegalArgumentException("calibration window must be at least one day, got " + windowDays);
        }
        this.windowDays = windowDays;
        this.shrinkage = shrinkage;
        this.levelBins = levelBins;
        this.priorFactor = priorFactor;
    }

    /** The calibration for {@code targetDay}, from the samples of [targetDay − windowDays, targetDay). */
    public Calibration fit(List<CalibrationSample> history, LocalDate targetDay) {
        LocalDate from = targetDay.minusDays(windowDays);
        List<CalibrationSample> window = history.stream()
                .filter(s -> s.day().isBefore(targetDay) && !s.day().isBefore(from))
                .filter(s -> Double.isFinite(s.modelled()) && Double.isFinite(s.measured()))
                .toList();
        double[] mm = new double[24];
        double[] ma = new double[24];
        double totalMm = 0;
        double totalMa = 0;
        for (CalibrationSample s : window) {
            mm[s.hourOfDay()] += s.modelled() * s.modelled();
            ma[s.hourOfDay()] += s.modelled() * s.measured();
        }
        for (int h = 0; h < 24; h++) {
            totalMm += mm[h];
            totalMa += ma[h];
        }
        if (totalMm <= 0) {
            double f = priorFactor;
            return (hour, modelled) -> f * modelled;
        }
        double overall = totalMa / totalMm;
        double lambda = shrinkage * totalMm / 24.0;
        double[] hourly = new double[24];
        for (int h = 0; h < 24; h++) {
            hourly[h] = (ma[h] + lambda * overall) / (mm[h] + lambda);
        }
        if (levelBins <= 0) {
            return (hour, modelled) -> hourly[hour] * modelled;
        }
        return levelStage(window, hourly);
    }

    private Calibration levelStage(List<CalibrationSample> window, double[] hourly) {
        double max = 0;
        for (CalibrationSample s : window) {
            max = Math.max(max, hourly[s.hourOfDay()] * s.modelled());
        }
        if (max <= 0) {
            return (hour, modelled) -> hourly[hour] * modelled;
        }
        double[] mm = new double[levelBins];
        double[] ma = new double[levelBins];
        double scale = max;
        for (CalibrationSample s : window) {
            double scaled = hourly[s.hourOfDay()] * s.modelled();
            int b = bin(scaled, scale);
            mm[b] += scaled * scaled;
            ma[b] += scaled * s.measured();
        }
        double lambda = shrinkage * sum(mm) / levelBins;
        double[] factor = new double[levelBins];
        for (int b = 0; b < levelBins; b++) {
            factor[b] = (ma[b] + lambda) / (mm[b] + lambda);
        }
        return (hour, modelled) -> {
            double scaled = hourly[hour] * modelled;
            return factor[bin(scaled, scale)] * scaled;
        };
    }

    private int bin(double value, double max) {
        int b = (int) Math.floor(value / max * levelBins);
        return Math.max(0, Math.min(levelBins - 1, b));
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }
}
