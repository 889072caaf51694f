package de.stadtwerk.hub.forecast;

import java.time.Instant;

/**
 * Sun position after the NOAA solar calculator (Meeus' low-precision formulae, accurate to about 0.01° for
 * 1800–2100), with NOAA's refraction correction so that the elevation is the apparent one, as published by NOAA.
 * The eccentricity factor uses Spencer (1971).
 */
public final class SolarGeometry {

    private static final double JD_UNIX_EPOCH = 2440587.5;

    private SolarGeometry() {
    }

    /** Sun position at {@code instant} for a point at {@code latDeg} (north positive) and {@code lonDeg} (east positive). */
    public static SunPosition position(double latDeg, double lonDeg, Instant instant) {
        double epochSeconds = instant.getEpochSecond() + instant.getNano() / 1e9;
        double jd = JD_UNIX_EPOCH + epochSeconds / 86400.0;
        double t = (jd - 2451545.0) / 36525.0;

        double l0 = mod360(280.46646 + t * (36000.76983 + t * 0.0003032));
        double m = 357.52911 + t * (35999.05029 - 0.0001537 * t);
        double e = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
        double mRad = Math.toRadians(m);
        double c = Math.sin(mRad) * (1.914602 - t * (0.004817 + 0.000014 * t))
                + Math.sin(2 * mRad) * (0.019993 - 0.000101 * t)
                + Math.sin(3 * mRad) * 0.000289;
        double trueLong = l0 + c;
        double omega = 125.04 - 1934.136 * t;
        double lambda = trueLong - 0.00569 - 0.00478 * Math.sin(Math.toRadians(omega));
        double eps0 = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60;
        double eps = Math.toRadians(eps0 + 0.00256 * Math.cos(Math.toRadians(omega)));
        double decl = Math.asin(Math.sin(eps) * Math.sin(Math.toRadians(lambda)));

        double y = Math.pow(Math.tan(eps / 2), 2);
        double l0Rad = Math.toRadians(l0);
        double eqTimeMin = 4 * Math.toDegrees(y * Math.sin(2 * l0Rad) - 2 * e * Math.sin(mRad)
                + 4 * e * y * Math.sin(mRad) * Math.cos(2 * l0Rad)
                - 0.5 * y * y * Math.sin(4 * l0Rad) - 1.25 * e * e * Math.sin(2 * mRad));

        double minutesUtc = ((epochSeconds % 86400.0) + 86400.0) % 86400.0 / 60.0;
        double trueSolarMin = ((minutesUtc + eqTimeMin + 4 * lonDeg) % 1440 + 1440) % 1440;
        double hourAngle = trueSolarMin / 4 - 180;

        double lat = Math.toRadians(latDeg);
        double ha = Math.toRadians(hourAngle);
        double cosZen = Math.sin(lat) * Math.sin(decl) + Math.cos(lat) * Math.cos(decl) * Math.cos(ha);
        cosZen = Math.max(-1, Math.min(1, cosZen));
        double zen = Math.acos(cosZen);
        double elevation = 90 - Math.toDegrees(zen);

        double azimuth;
        double denom = Math.cos(lat) * Math.sin(zen);
        if (Math.abs(denom) < 1e-9) {
            azimuth = latDeg > 0 ? 180 : 0;
        } else {
            double cosAz = Math.max(-1, Math.min(1, (Math.sin(lat) * cosZen - Math.sin(decl)) / denom));
            double a = Math.toDegrees(Math.acos(cosAz));
            azimuth = hourAngle > 0 ? mod360(a + 180) : mod360(540 - a);
        }
        double dayAngle = 2 * Math.PI * (dayOfYear(jd) - 1) / 365.0;
        return new SunPosition(elevation + refraction(elevation), azimuth, Math.toDegrees(decl), eccentricity(dayAngle));
    }

    /** Spencer (1971): (r0/r)² for the day angle Γ = 2π(n−1)/365. */
    static double eccentricity(double dayAngle) {
        return 1.000110 + 0.034221 * Math.cos(dayAngle) + 0.001280 * Math.sin(dayAngle)
                + 0.000719 * Math.cos(2 * dayAngle) + 0.000077 * Math.sin(2 * dayAngle);
    }

    /** NOAA's approximate atmospheric refraction in degrees for a geometric elevation in degrees. */
    static double refraction(double elevationDeg) {
        if (elevationDeg > 85) {
            return 0;
        }
        double te = Math.tan(Math.toRadians(elevationDeg));
        double arcSec;
        if (elevationDeg > 5) {
            arcSec = 58.1 / te - 0.07 / Math.pow(te, 3) + 0.000086 / Math.pow(te, 5);
        } else if (elevationDeg > -0.575) {
            arcSec = 1735 + elevationDeg * (-518.2 + elevationDeg * (103.4 + elevationDeg * (-12.79 + elevationDeg * 0.711)));
        } else {
            arcSec = -20.772 / te;
        }
        return arcSec / 3600.0;
    }

    private static double dayOfYear(double jd) {
        long days = (long) Math.floor(jd - JD_UNIX_EPOCH);
        return java.time.LocalDate.ofEpochDay(days).getDayOfYear();
    }

    private static double mod360(double x) {
        return ((x % 360) + 360) % 360;
    }
}
