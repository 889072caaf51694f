package de.stadtwerk.hub.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * The BDEW daily dynamisation of the H0 profile:
 * F(t) = −3.92e−10·t⁴ + 3.2e−7·t³ − 7.02e−5·t² + 2.1e−3·t + 1.24 with t the day of the year (1..366).
 * After the BDEW step-by-step guide the factor is rounded to four decimals and the dynamised quarter-hour value to
 * one decimal (W per 1,000 kWh/a).
 */
public final class H0Dynamisation {

    private H0Dynamisation() {
    }

    /** F(t), unrounded. */
    public static double polynomial(int dayOfYear) {
        double t = dayOfYear;
        return -3.92e-10 * Math.pow(t, 4) + 3.2e-7 * Math.pow(t, 3) - 7.02e-5 * t * t + 2.1e-3 * t + 1.24;
    }

    /** F for the date, rounded to four decimals. */
    public static double factor(LocalDate date) {
        return round(polynomial(date.getDayOfYear()), 4);
    }

    /** A static H0 value (W per 1,000 kWh/a) dynamised for the date, rounded to one decimal. */
    public static double apply(double staticWatts, LocalDate date) {
        return round(staticWatts * factor(date), 1);
    }

    private static double round(double v, int decimals) {
        return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }
}
