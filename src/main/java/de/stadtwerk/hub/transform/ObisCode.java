package de.stadtwerk.hub.transform;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OBIS code (IEC 62056-61) {@code A-B:C.D.E*F}, e.g. {@code 1-0:1.8.0} or {@code 1-1:1.29.0*255}.
 * The short forms {@code 1.8.0} and {@code 1.8.1} (C.D.E, as printed on meter displays) are accepted with
 * A=1 (electricity) and B=0.
 *
 * @param medium  A: 1 electricity, 6 heat, 7 gas, 8 cold water, 9 hot water
 * @param channel B: the measurement channel (0 = none)
 * @param c       C: the physical quantity (1 = active power import, 2 = export, 16 = net …)
 * @param d       D: the processing (7 = instantaneous, 8 = register, 29 = load-profile interval …)
 * @param e       E: tariff (0 = total, 1..9 = tariff registers)
 * @param f       F: billing period (255 = current, or -1 when absent)
 */
public record ObisCode(int medium, int channel, int c, int d, int e, int f) {

    private static final Pattern FULL = Pattern.compile(
            "^(\\d{1,3})-(\\d{1,3})[:.](\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:[*&](\\d{1,3}))?$");
    private static final Pattern SHORT = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:[*&](\\d{1,3}))?$");

    /** Parses an OBIS code; throws {@link IllegalArgumentException} naming the text if it is not one. */
    public static ObisCode parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("OBIS code is missing");
        }
        String t = text.trim();
        Matcher m = FULL.matcher(t);
        if (m.matches()) {
            return new ObisCode(i(m.group(1)), i(m.group(2)), i(m.group(3)), i(m.group(4)), i(m.group(5)),
                    m.group(6) == null ? -1 : i(m.group(6)));
        }
        m = SHORT.matcher(t);
        if (m.matches()) {
            return new ObisCode(1, 0, i(m.group(1)), i(m.group(2)), i(m.group(3)), m.group(4) == null ? -1 : i(m.group(4)));
        }
        throw new IllegalArgumentException("'" + text + "' is not an OBIS code (expected A-B:C.D.E or C.D.E)");
    }

    private static int i(String s) {
        return Integer.parseInt(s);
    }

    /** The code in its normal form {@code A-B:C.D.E} (the billing period is dropped when current/absent). */
    @Override
    public String toString() {
        String base = medium + "-" + channel + ":" + c + "." + d + "." + e;
        return f < 0 || f == 255 ? base : base + "*" + f;
    }
}
