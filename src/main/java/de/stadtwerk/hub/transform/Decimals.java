package de.stadtwerk.hub.transform;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Decimal helpers for values read from files: rounding away the binary noise of a unit conversion.
 */
public final class Decimals {

    private static final MathContext TWELVE = new MathContext(12);
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private Decimals() {
    }

    /**
     * {@code v} rounded to 12 significant digits (half up), so 8.056 kWh × 1000 = 8055.999999999999 Wh becomes
     * 8056.0. The result is exactly {@code new BigDecimal(v).round(new MathContext(12)).doubleValue()}; the common
     * case is computed without BigDecimal: scaled to a 12-digit integer, rounded, divided back (both exact
     * operands, so the division is correctly rounded), and BigDecimal is used only near a tie or out of range.
     */
    public static double tidy(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return v;
        }
        double a = Math.abs(v);
        if (a >= 1 && a < 1e12) {
            int e = (int) Math.floor(Math.log10(a));
            if (a < POW10[e]) {
                e--;            // log10 rounded up just below a power of ten
            } else if (e < 11 && a >= POW10[e + 1]) {
                e++;
            }
            double scaled = a * POW10[11 - e];              // in [1e11, 1e12): 12 digits before the point
            double r = Math.rint(scaled);
            // the product is off by at most 1.2e-4; away from a tie, rint rounds like HALF_UP on the exact value
            if (Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-3) {
                double t = r / POW10[11 - e];
                return v < 0 ? -t : t;
            }
        }
        return new BigDecimal(v).round(TWELVE).doubleValue();
    }

    /**
     * The double nearest to a plain decimal {@code [+-]digits[.digits]} (already validated by the caller), exactly
     * as {@code new BigDecimal(s).doubleValue()} gives it: up to 15 digits the digits are an exact long and the
     * power of ten an exact double, so one division is correctly rounded; longer numbers go through BigDecimal.
     */
    public static double parse(String s) {
        int n = s.length();
        int i = 0;
        boolean negative = false;
        if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        long m = 0;
        int digits = 0;
        int scale = -1;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c == '.' && scale < 0) {
                scale = 0;
            } else if (c >= '0' && c <= '9' && digits < 15) {
                m = m * 10 + (c - '0');
                digits += m == 0 ? 0 : 1;
                scale += scale >= 0 ? 1 : 0;
            } else {
                return new BigDecimal(s).doubleValue();
            }
        }
        if (m == 0) {
            return 0.0;
        }
        if (scale >= POW10.length) {
            return new BigDecimal(s).doubleValue();
        }
        double v = scale <= 0 ? m : m / POW10[scale];
        return negative ? -v : v;
    }
}
