package de.stadtwerk.hub.forecast;

/**
 * A wind turbine or a group of turbines treated as one.
 *
 * @param id          asset or group id
 * @param ratedPowerW rated power in W (the sum for a group)
 * @param hubHeightM  hub height in m
 * @param curve       power curve (for a group, usually a {@link PowerCurve#smoothed(double) smoothed} one)
 */
public record WindTurbine(String id, double ratedPowerW, double hubHeightM, PowerCurve curve) {

    public WindTurbine {
        if (ratedPowerW < 0 || Double.isNaN(ratedPowerW)) {
            throw new IllegalArgumentException("wind turbine " + id + ": rated power must be >= 0, got " + ratedPowerW);
        }
        if (hubHeightM <= WindProfile.MEASURING_HEIGHT_M) {
            throw new IllegalArgumentException("wind turbine " + id + ": hub height must exceed 10 m, got " + hubHeightM);
        }
    }

    /** A turbine with the typical power curve for its rated power. */
    public static WindTurbine typical(String id, double ratedPowerW, double hubHeightM) {
        return new WindTurbine(id, ratedPowerW, hubHeightM, PowerCurve.typical(ratedPowerW));
    }
}
