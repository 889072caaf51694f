package de.stadtwerk.hub.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A wind turbine power curve: output as a fraction of rated power over hub-height wind speed, linear between the
 * points, zero below cut-in and at or above cut-out.
 */
public final class PowerCurve {

    private final double[] speeds;
    private final double[] fractions;
    private final double cutIn;
    private final double cutOut;

    public PowerCurve(double[] speeds, double[] fractions, double cutIn, double cutOut) {
        if (speeds.length != fractions.length || speeds.length < 2) {
            throw new IllegalArgumentException("power curve needs at least two (speed, fraction) points of equal count");
        }
        for (int i = 1; i < speeds.length; i++) {
            if (speeds[i] <= speeds[i - 1]) {
                throw new IllegalArgumentException("power curve speeds must increase, at point " + i + ": " + speeds[i]);
            }
        }
        for (double f : fractions) {
            if (f < 0 || f > 1.0001) {
                throw new IllegalArgumentException("power curve fraction must be 0..1, got " + f);
            }
        }
        if (!(cutIn >= 0 && cutOut > cutIn)) {
            throw new IllegalArgumentException("power curve needs 0 <= cut-in < cut-out, got " + cutIn + " / " + cutOut);
        }
        this.speeds = speeds.clone();
        this.fractions = fractions.clone();
        this.cutIn = cutIn;
        this.cutOut = cutOut;
    }

    /**
     * A generic curve of a modern pitch-regulated turbine: cubic rise from cut-in (3 m/s) to rated speed, full power
     * to cut-out (25 m/s). Rated speed by size class: 13 m/s below 1 MW, 12 m/s to 3 MW, 11.5 m/s above.
     */
    public static PowerCurve typical(double ratedPowerW) {
        double rated = ratedPowerW < 1e6 ? 13.0 : ratedPowerW <= 3e6 ? 12.0 : 11.5;
        return generic(3.0, rated, 25.0);
    }

    /** Cubic rise between cut-in and rated speed, sampled every 0.5 m/s. */
    public static PowerCurve generic(double cutIn, double ratedSpeed, double cutOut) {
        List<double[]> pts = new ArrayList<>();
        for (double v = 0; v <= cutOut + 1e-9; v += 0.5) {
            double f;
            if (v < cutIn) {
                f = 0;
            } else if (v >= ratedSpeed) {
                f = 1;
            } else {
                f = (Math.pow(v, 3) - Math.pow(cutIn, 3)) / (Math.pow(ratedSpeed, 3) - Math.pow(cutIn, 3));
            }
            pts.add(new double[] {v, f});
        }
        return of(pts, cutIn, cutOut);
    }

    /**
     * Parses a configured curve {@code "3:0,4:0.05,5:0.12,...,12:1"} (speed in m/s : fraction of rated).
     *
     * @throws IllegalArgumentException naming the faulty entry
     */
    public static PowerCurve parse(String text, double cutIn, double cutOut) {
        List<double[]> pts = new ArrayList<>();
        for (String entry : text.split(",")) {
            String[] kv = entry.trim().split(":");
            try {
                pts.add(new double[] {Double.parseDouble(kv[0].trim()), Double.parseDouble(kv[1].trim())});
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("power curve entry '" + entry.trim() + "' is not speed:fraction", e);
            }
        }
        return of(pts, cutIn, cutOut);
    }

    /**
     * The curve of a group of turbines whose local wind speeds scatter around the given one with a standard deviation
     * of {@code relativeSpread}·v (normal distribution): the expected output, a smoother curve.
     */
    public PowerCurve smoothed(double relativeSpread) {
        List<double[]> pts = new ArrayList<>();
        for (double v = 0; v <= cutOut + 5; v += 0.5) {
            double sigma = Math.max(0.3, relativeSpread * v);
            double sum = 0;
            double weight = 0;
            for (int k = -40; k <= 40; k++) {
                double z = k / 10.0;
                double w = Math.exp(-0.5 * z * z);
                double local = v + z * sigma;
                sum += w * (local < 0 ? 0 : fraction(local));
                weight += w;
            }
            pts.add(new double[] {v, sum / weight});
        }
        return of(pts, 0.0, cutOut + 5);
    }

    /** Output as a fraction of rated power at the hub-height wind speed {@code v} (m/s). */
    public double fraction(double v) {
        if (Double.isNaN(v) || v < cutIn || v >= cutOut) {
            return 0.0;
        }
        int i = Arrays.binarySearch(speeds, v);
        if (i >= 0) {
            return fractions[i];
        }
        int hi = -i - 1;
        if (hi == 0) {
            return fractions[0];
        }
        if (hi >= speeds.length) {
            return fractions[speeds.length - 1];
        }
        double t = (v - speeds[hi - 1]) / (speeds[hi] - speeds[hi - 1]);
        return fractions[hi - 1] + t * (fractions[hi] - fractions[hi - 1]);
    }

    public double cutIn() {
        return cutIn;
    }

    public double cutOut() {
        return cutOut;
    }

    private static PowerCurve of(List<double[]> pts, double cutIn, double cutOut) {
        double[] s = pts.stream().mapToDouble(p -> p[0]).toArray();
        double[] f = pts.stream().mapToDouble(p -> p[1]).toArray();
        return new PowerCurve(s, f, cutIn, cutOut);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("PowerCurve[");
        for (int i = 0; i < speeds.length; i++) {
            b.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.1f:%.3f", speeds[i], fractions[i]));
        }
        return b.append(", cut-in ").append(cutIn).append(", cut-out ").append(cutOut).append(']').toString();
    }
}
