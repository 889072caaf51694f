package de.stadtwerk.hub.forecast;

import java.time.LocalDate;
import java.util.List;

/**
 * Fits measured grid load as a mix of standard load profiles, load ≈ c0 + Σ ci·profile_i, by least squares over the
 * {@code windowDays} days before the target day (never the target day or later), with a small ridge term for
 * stability. Used where a grid has a measured load: the profiles carry the day types, holidays and seasons, the fit
 * carries the level and the mix.
 */
public final class LoadMixCalibration {

    /** One past hour: the profile values (W, one per profile) and the measured load (W). */
    public record Sample(LocalDate day, double[] profiles, double measured) {
    }

    private final int windowDays;

    public LoadMixCalibration(int windowDays) {
        if (windowDays < 1) {
            throw new IllegalArgumentException("load calibration window must be at least one day, got " + windowDays);
        }
        this.windowDays = windowDays;
    }

    /** Coefficients {c0, c1, ...}; null when the window holds no sample. */
    public double[] fit(List<Sample> history, LocalDate targetDay) {
        LocalDate from = targetDay.minusDays(windowDays);
        List<Sample> window = history.stream()
                .filter(s -> s.day().isBefore(targetDay) && !s.day().isBefore(from) && Double.isFinite(s.measured()))
                .toList();
        if (window.isEmpty()) {
            return null;
        }
        int p = window.get(0).profiles().length + 1;
        double[][] a = new double[p][p];
        double[] b = new double[p];
        for (Sample s : window) {
            double[] x = features(s.profiles());
            for (int i = 0; i < p; i++) {
                b[i] += x[i] * s.measured();
                for (int j = 0; j < p; j++) {
                    a[i][j] += x[i] * x[j];
                }
            }
        }
        for (int i = 0; i < p; i++) {
            a[i][i] += 1e-6 * Math.max(1.0, a[i][i]);
        }
        return solve(a, b);
    }

    /** Predicted load for profile values with the coefficients. */
    public static double predict(double[] coefficients, double[] profiles) {
        double[] x = features(profiles);
        double y = 0;
        for (int i = 0; i < x.length; i++) {
            y += coefficients[i] * x[i];
        }
        return y;
    }

    private static double[] features(double[] profiles) {
        double[] x = new double[profiles.length + 1];
        x[0] = 1.0;
        System.arraycopy(profiles, 0, x, 1, profiles.length);
        return x;
    }

    /** Gaussian elimination with partial pivoting. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        double[] y = b.clone();
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] tmp = m[c];
            m[c] = m[pivot];
            m[pivot] = tmp;
            double t = y[c];
            y[c] = y[pivot];
            y[pivot] = t;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k < n; k++) {
                    m[r][k] -= f * m[c][k];
                }
                y[r] -= f * y[c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = y[r];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * x[k];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }
}
