package de.stadtwerk.hub.forecast;

/**
 * Position of the sun seen from a point on the earth.
 *
 * @param elevationDeg apparent elevation above the horizon in degrees (with atmospheric refraction), negative at night
 * @param azimuthDeg   azimuth in degrees clockwise from north (90 = east, 180 = south)
 * @param declinationDeg solar declination in degrees
 * @param earthSunDistanceFactor (r0/r)², the eccentricity correction of the extraterrestrial irradiance
 */
public record SunPosition(double elevationDeg, double azimuthDeg, double declinationDeg, double earthSunDistanceFactor) {

    /** Zenith angle in degrees (90 − elevation). */
    public double zenithDeg() {
        return 90.0 - elevationDeg;
    }

    /** Cosine of the zenith angle, 0 when the sun is below the horizon. */
    public double cosZenith() {
        return Math.max(0.0, Math.sin(Math.toRadians(elevationDeg)));
    }

    public boolean aboveHorizon() {
        return elevationDeg > 0.0;
    }
}
