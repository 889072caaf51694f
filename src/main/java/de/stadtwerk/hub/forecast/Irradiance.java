package de.stadtwerk.hub.forecast;

/**
 * Irradiance on the horizontal: extraterrestrial, clear-sky (Haurwitz 1945), and the split of global into direct and
 * diffuse after Erbs, Klein and Duffie (1982). All values in W/m².
 */
public final class Irradiance {

    /** Solar constant in W/m² (Kopp and Lean 2011). */
    public static final double SOLAR_CONSTANT = 1361.0;

    private Irradiance() {
    }

    /** Extraterrestrial irradiance normal to the sun's rays. */
    public static double extraterrestrialNormal(SunPosition sun) {
        return SOLAR_CONSTANT * sun.earthSunDistanceFactor();
    }

    /** Extraterrestrial irradiance on a horizontal plane, 0 at night. */
    public static double extraterrestrialHorizontal(SunPosition sun) {
        return extraterrestrialNormal(sun) * sun.cosZenith();
    }

    /** Clear-sky global horizontal irradiance after Haurwitz: 1098·cosZ·exp(−0.057/cosZ). */
    public static double clearSkyGlobal(SunPosition sun) {
        double cz = sun.cosZenith();
        if (cz <= 0.01) {
            return 0.0;
        }
        return 1098.0 * cz * Math.exp(-0.057 / cz);
    }

    /** Diffuse fraction of the global irradiance for the clearness index kt (Erbs et al.). */
    public static double erbsDiffuseFraction(double kt) {
        if (kt <= 0.22) {
            return 1.0 - 0.09 * kt;
        }
        if (kt <= 0.80) {
            return 0.9511 - 0.1604 * kt + 4.388 * kt * kt - 16.638 * Math.pow(kt, 3) + 12.336 * Math.pow(kt, 4);
        }
        return 0.165;
    }

    /** Splits global horizontal irradiance into direct normal and diffuse horizontal (Erbs). */
    public static Components decompose(double ghi, SunPosition sun) {
        double cz = sun.cosZenith();
        if (ghi <= 0 || cz <= 0.01) {
            return new Components(Math.max(0, ghi), 0, Math.max(0, ghi));
        }
        double kt = Math.min(1.0, ghi / Math.max(1.0, extraterrestrialHorizontal(sun)));
        double dhi = ghi * erbsDiffuseFraction(kt);
        double dni = (ghi - dhi) / Math.max(cz, 0.065);
        return new Components(ghi, Math.min(dni, extraterrestrialNormal(sun)), dhi);
    }

    /** Global horizontal, direct normal and diffuse horizontal irradiance in W/m². */
    public record Components(double ghi, double dni, double dhi) {
    }
}
