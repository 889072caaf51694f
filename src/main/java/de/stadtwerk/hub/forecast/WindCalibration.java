package de.stadtwerk.hub.forecast;

import java.time.LocalDate;
import java.util.List;

/**
 * Rolling calibration of a wind turbine or group in wind-speed space: for each hour of day, the factor k that carries
 * the 10 m forecast wind to an effective hub-height wind and the capacity factor c, fitted by least squares
 * (grid search over k, c in closed form) on the {@code windowDays} days before the target day, so that
 * power ≈ c · rated · curve(k · v10). Samples of the neighbouring hours are pooled to steady the fit. This learns the
 * diurnal and seasonal shear (stable nights, mixed days) that a fixed profile exponent cannot, and the share of the
 * fleet that is actually available. Samples of the target day or later are never used.
 */
public final class WindCalibration {

    /** One past hour: the 10 m wind speed of its weather and the measured feed-in (W). */
    public record Sample(LocalDate day, int hourOfDay, double speed10mMs, double measured) {
    }

    /** The fitted correction: per hour of day the speed factor and capacity factor. */
    public record Fit(double[] speedFactor, double[] capacityFactor) {

        /** Calibrated power in W for a 10 m wind speed at an hour of day. */
        public double power(WindTurbine turbine, int hourOfDay, double speed10mMs) {
            return capacityFactor[hourOfDay] * turbine.ratedPowerW()
                    * turbine.curve().fraction(speedFactor[hourOfDay] * speed10mMs);
        }
    }

    private static final double K_MIN = 0.8;
    private static final double K_MAX = 3.5;
    private static final double K_STEP = 0.02;

    private final int windowDays;
    private final int poolHours;
    private final Fit prior;

    /**
     * @param windowDays     how many days before the target day are used
     * @param poolHours      hours on either side pooled into an hour's fit (0 = that hour only)
     * @param priorSpeedFactor speed factor when there is no history (e.g. the power-law (h/10)^α)
     */
    public WindCalibration(int windowDays, int poolHours, double priorSpeedFactor) {
        if (windowDays < 1 || poolHours < 0 || poolHours > 11) {
            throw new IllegalArgumentException("wind calibration needs windowDays >= 1 and poolHours 0..11");
        }
        this.windowDays = windowDays;
        this.poolHours = poolHours;
        double[] k = new double[24];
        double[] c = new double[24];
        java.util.Arrays.fill(k, priorSpeedFactor);
        java.util.Arrays.fill(c, 1.0);
        this.prior = new Fit(k, c);
    }

    /** The fit for {@code targetDay} from the samples of [targetDay − windowDays, targetDay). */
    public Fit fit(List<Sample> history, WindTurbine turbine, LocalDate targetDay) {
        LocalDate from = targetDay.minusDays(windowDays);
        List<Sample> window = history.stream()
                .filter(s -> s.day().isBefore(targetDay) && !s.day().isBefore(from))
                .filter(s -> Double.isFinite(s.speed10mMs()) && Double.isFinite(s.measured()))
                .toList();
        if (window.isEmpty() || turbine.ratedPowerW() <= 0) {
            return prior;
        }
        double[] k = new double[24];
        double[] c = new double[24];
        for (int h = 0; h < 24; h++) {
            int hour = h;
            List<Sample> pool = window.stream().filter(s -> circularDistance(s.hourOfDay(), hour) <= poolHours).toList();
            if (pool.isEmpty()) {
                k[h] = prior.speedFactor()[h];
                c[h] = 1.0;
                continue;
            }
            double bestSse = Double.POSITIVE_INFINITY;
            for (double kk = K_MIN; kk <= K_MAX + 1e-9; kk += K_STEP) {
                double ff = 0;
                double fa = 0;
                double aa = 0;
                for (Sample s : pool) {
                    double f = turbine.ratedPowerW() * turbine.curve().fraction(kk * s.speed10mMs());
                    ff += f * f;
                    fa += f * s.measured();
                    aa += s.measured() * s.measured();
                }
                if (ff <= 0) {
                    continue;
                }
                double cc = fa / ff;
                double sse = aa - 2 * cc * fa + cc * cc * ff;
                if (sse < bestSse) {
                    bestSse = sse;
                    k[h] = kk;
                    c[h] = cc;
                }
            }
            if (bestSse == Double.POSITIVE_INFINITY) {
                k[h] = prior.speedFactor()[h];
                c[h] = 1.0;
            }
        }
        return new Fit(k, c);
    }

    private static int circularDistance(int a, int b) {
        int d = Math.abs(a - b);
        return Math.min(d, 24 - d);
    }
}
