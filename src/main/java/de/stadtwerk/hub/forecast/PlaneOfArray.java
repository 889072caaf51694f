package de.stadtwerk.hub.forecast;

/** Transposition of horizontal irradiance to a tilted plane with the isotropic sky model (Liu and Jordan). */
public final class PlaneOfArray {

    /** Ground reflectance used for the reflected part. */
    public static final double DEFAULT_ALBEDO = 0.2;

    private PlaneOfArray() {
    }

    /** Cosine of the angle of incidence of the beam on a plane with the given tilt and azimuth (degrees, 180 = south). */
    public static double cosIncidence(SunPosition sun, double tiltDeg, double azimuthDeg) {
        double zen = Math.toRadians(sun.zenithDeg());
        double tilt = Math.toRadians(tiltDeg);
        double dAz = Math.toRadians(sun.azimuthDeg() - azimuthDeg);
        return Math.cos(zen) * Math.cos(tilt) + Math.sin(zen) * Math.sin(tilt) * Math.cos(dAz);
    }

    /** Irradiance on the plane of array in W/m². */
    public static double irradiance(Irradiance.Components c, SunPosition sun, double tiltDeg, double azimuthDeg, double albedo) {
        if (c.ghi() <= 0) {
            return 0.0;
        }
        double tilt = Math.toRadians(tiltDeg);
        double beam = sun.aboveHorizon() ? c.dni() * Math.max(0.0, cosIncidence(sun, tiltDeg, azimuthDeg)) : 0.0;
        double sky = c.dhi() * (1 + Math.cos(tilt)) / 2;
        double ground = c.ghi() * albedo * (1 - Math.cos(tilt)) / 2;
        return beam + sky + ground;
    }
}
