package de.stadtwerk.hub.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Decimals#tidy} gives exactly what the BigDecimal rounding to 12 significant digits gives. */
class DecimalsTest {

    private static double reference(double v) {
        return Double.isFinite(v) && v != 0 ? new BigDecimal(v).round(new MathContext(12)).doubleValue() : v;
    }

    @Test
    void removesTheNoiseOfAUnitConversion() {
        assertThat(8.056 * 1000).isNotEqualTo(8056.0);
        assertThat(Decimals.tidy(8.056 * 1000)).isEqualTo(8056.0);
        assertThat(Decimals.tidy(-0.1 * 3)).isEqualTo(-0.3);
        assertThat(Decimals.tidy(1e3 / 3600.0 * 7.2)).isEqualTo(2.0);
    }

    @Test
    void equalsTheBigDecimalRoundingOnEdgesAndRandomValues() {
        double[] edges = {1, 10, 100, 999.9999999999999, 1000, 9.999999999995, 99999999999.95, 999999999999.5,
                999999999999.4, 1e12, 1e12 - 0.25, 0.5, 0.1, 1e-7, 123456789012345.0, 4999.9999999999, 5.0000000000005,
                Double.MIN_VALUE, Double.MAX_VALUE, 1234.56789012345, 0.000123456789012345};
        for (double v : edges) {
            assertThat(Decimals.tidy(v)).as("%s", v).isEqualTo(reference(v));
            assertThat(Decimals.tidy(-v)).as("%s", -v).isEqualTo(reference(-v));
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            long milli = random.nextLong(1, 100_000_000_000L);
            int scale = random.nextInt(0, 7);
            double kwh = milli / Math.pow(10, scale);
            double[] cases = {kwh * 1000, kwh * 1e6, kwh / 3.6, kwh, Double.longBitsToDouble(random.nextLong()),
                    random.nextDouble() * Math.pow(10, random.nextInt(-3, 16))};
            for (double v : cases) {
                assertThat(Double.compare(Decimals.tidy(v), reference(v))).as("%s", v).isZero();
            }
        }
    }

    @Test
    void parsesPlainDecimalsExactlyAsBigDecimalDoes() {
        String[] edges = {"0", "-0", "0.000", "+1.5", "-1.5", "8.056", "1234567.891", "123456789012345",
                "1234567890123456789", "0.1", "0.0000000000000000000000001", "99999999999999.9", "000012.50",
                "4503599627370497", "9007199254740993", "0.30000000000000004"};
        for (String s : edges) {
            assertThat(Decimals.parse(s)).as(s).isEqualTo(new BigDecimal(s).doubleValue());
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            String all = Long.toString(random.nextLong(0, Long.MAX_VALUE));
            String digits = all.substring(0, random.nextInt(1, all.length() + 1));
            int point = random.nextInt(0, digits.length() + 1);
            String s = (random.nextBoolean() ? "-" : "") + (point == digits.length() ? digits
                    : digits.substring(0, point) + "." + digits.substring(point)).replaceFirst("^\\.", "0.");
            assertThat(Decimals.parse(s)).as(s).isEqualTo(new BigDecimal(s).doubleValue());
        }
    }
}
