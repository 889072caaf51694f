package de.stadtwerk.hub.forecast;

/**
 * Vertical extrapolation of the wind speed from the measuring height (10 m) to hub height: the power law
 * v(h) = v(z)·(h/z)^α or the logarithmic profile v(h) = v(z)·ln(h/z0)/ln(z/z0).
 */
public final class WindProfile {

    /** Height of the standard wind measurement, m. */
    public static final double MEASURING_HEIGHT_M = 10.0;

    private final double alpha;
    private final double roughnessLengthM;

    private WindProfile(double alpha, double roughnessLengthM) {
        this.alpha = alpha;
        this.roughnessLengthM = roughnessLengthM;
    }

    /** Power law with shear exponent α (1/7 over open land, 0.2–0.3 over inland terrain with obstacles). */
    public static WindProfile powerLaw(double alpha) {
        if (alpha < 0 || alpha > 1) {
            throw new IllegalArgumentException("wind shear exponent must be 0..1, got " + alpha);
        }
        return new WindProfile(alpha, Double.NaN);
    }

    /** Logarithmic profile with roughness length z0 in m (0.03 open farmland, 0.1 farmland with hedges, 0.5 suburbs). */
    public static WindProfile logarithmic(double roughnessLengthM) {
        if (!(roughnessLengthM > 0 && roughnessLengthM < MEASURING_HEIGHT_M)) {
            throw new IllegalArgumentException("roughness length must be in (0, 10) m, got " + roughnessLengthM);
        }
        return new WindProfile(Double.NaN, roughnessLengthM);
    }

    /** Wind speed at {@code hubHeightM} from the 10 m value. */
    public double atHeight(double speed10m, double hubHeightM) {
        if (speed10m <= 0) {
            return 0.0;
        }
        if (!Double.isNaN(alpha)) {
            return speed10m * Math.pow(hubHeightM / MEASURING_HEIGHT_M, alpha);
        }
        return speed10m * Math.log(hubHeightM / roughnessLengthM) / Math.log(MEASURING_HEIGHT_M / roughnessLengthM);
    }
}
