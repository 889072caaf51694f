package de.stadtwerk.hub.forecast.eval;

/** Error measures over an index range of hours, skipping hours where either series is NaN. */
final class Scores {

    private Scores() {
    }

    static double mae(double[] forecast, double[] actual, int from, int to) {
        double sum = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            if (Double.isFinite(forecast[i]) && Double.isFinite(actual[i])) {
                sum += Math.abs(forecast[i] - actual[i]);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    static double max(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            if (Double.isFinite(v)) {
                m = Math.max(m, v);
            }
        }
        return m;
    }

    /** 1 − MAE(model)/MAE(reference). */
    static double skill(double[] model, double[] reference, double[] actual, int from, int to) {
        return 1 - mae(model, actual, from, to) / mae(reference, actual, from, to);
    }
}
