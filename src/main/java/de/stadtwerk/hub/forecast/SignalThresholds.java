package de.stadtwerk.hub.forecast;

/**
 * Which figure decides the level and from where: GREEN at or above {@code greenFrom}, YELLOW at or above
 * {@code yellowFrom}, RED below. Configuration keys: {@code hub.energiewetter.level.metric},
 * {@code hub.energiewetter.level.green-from}, {@code hub.energiewetter.level.yellow-from}.
 *
 * @param metric     COVERAGE (generation / load) or AVAILABILITY (generation / rated power)
 * @param greenFrom  lower bound of GREEN (e.g. 0.5)
 * @param yellowFrom lower bound of YELLOW (e.g. 0.25)
 */
public record SignalThresholds(Metric metric, double greenFrom, double yellowFrom) {

    /** The figure compared with the thresholds. */
    public enum Metric { COVERAGE, AVAILABILITY }

    public static final double DEFAULT_GREEN_FROM = 0.5;
    public static final double DEFAULT_YELLOW_FROM = 0.25;

    public SignalThresholds {
        if (metric == null) {
            throw new IllegalArgumentException("signal level metric must be COVERAGE or AVAILABILITY");
        }
        if (!(yellowFrom >= 0 && greenFrom > yellowFrom)) {
            throw new IllegalArgumentException("signal thresholds need 0 <= yellow-from < green-from, got yellow-from="
                    + yellowFrom + " green-from=" + greenFrom);
        }
    }

    /** Coverage 50 % and more green, 25 % to 50 % yellow, below red. */
    public static SignalThresholds defaults() {
        return new SignalThresholds(Metric.COVERAGE, DEFAULT_GREEN_FROM, DEFAULT_YELLOW_FROM);
    }

    /** The level for a value of the metric. */
    public SignalLevel level(double value) {
        if (!Double.isFinite(value)) {
            return SignalLevel.RED;
        }
        return value >= greenFrom ? SignalLevel.GREEN : value >= yellowFrom ? SignalLevel.YELLOW : SignalLevel.RED;
    }

    /** The level for an hour's generation, load and rated power (all W). */
    public SignalLevel level(double generationW, double loadW, double ratedPowerW) {
        return level(metric == Metric.COVERAGE ? ratio(generationW, loadW) : ratio(generationW, ratedPowerW));
    }

    static double ratio(double numerator, double denominator) {
        return denominator > 0 ? numerator / denominator : Double.NaN;
    }
}
