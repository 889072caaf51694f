package de.stadtwerk.hub.forecast;

/**
 * A PV plant or a group of plants treated as one.
 *
 * @param id               asset or group id
 * @param lat              latitude, degrees
 * @param lon              longitude, degrees
 * @param ratedPowerW      rated (peak) DC power in W
 * @param tiltDeg          module tilt from horizontal, degrees
 * @param azimuthDeg       module azimuth, degrees clockwise from north (180 = south)
 * @param tempCoeffPerK    power temperature coefficient, 1/K (crystalline silicon about −0.004)
 * @param noctC            nominal operating cell temperature, °C
 * @param performanceRatio losses other than temperature (inverter, wiring, soiling, shading), 0–1
 */
public record PvSystem(
        String id,
        double lat,
        double lon,
        double ratedPowerW,
        double tiltDeg,
        double azimuthDeg,
        double tempCoeffPerK,
        double noctC,
        double performanceRatio) {

    public static final double TYPICAL_TILT_DEG = 30.0;
    public static final double TYPICAL_AZIMUTH_DEG = 180.0;

    public PvSystem {
        if (ratedPowerW < 0 || Double.isNaN(ratedPowerW)) {
            throw new IllegalArgumentException("PV system " + id + ": rated power must be >= 0, got " + ratedPowerW);
        }
        if (tiltDeg < 0 || tiltDeg > 90) {
            throw new IllegalArgumentException("PV system " + id + ": tilt must be 0..90°, got " + tiltDeg);
        }
    }

    /** A plant whose orientation is unknown: 30° tilt facing south, typical crystalline modules. */
    public static PvSystem typical(String id, double lat, double lon, double ratedPowerW) {
        return new PvSystem(id, lat, lon, ratedPowerW, TYPICAL_TILT_DEG, TYPICAL_AZIMUTH_DEG, -0.004, 45.0, 0.85);
    }

    /** A plant with known orientation (null tilt or azimuth: the typical value). */
    public static PvSystem oriented(String id, double lat, double lon, double ratedPowerW, Double tiltDeg, Double azimuthDeg) {
        return new PvSystem(id, lat, lon, ratedPowerW,
                tiltDeg == null ? TYPICAL_TILT_DEG : tiltDeg,
                azimuthDeg == null ? TYPICAL_AZIMUTH_DEG : azimuthDeg, -0.004, 45.0, 0.85);
    }
}
