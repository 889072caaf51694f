package de.stadtwerk.hub.parse.csv;

import de.stadtwerk.hub.transform.Decimals;
import java.util.regex.Pattern;

/**
 * Parses numbers as German exports write them: decimal comma, optional thousands separator in groups of
 * three ({@code 96.341,25}), optional sign. Strict: {@code 1,234.5} or {@code 12.34} with a point as
 * thousands separator are rejected rather than guessed.
 */
final class DecimalParser {

    private final char decimal;
    private final Pattern pattern;

    DecimalParser(char decimal, Character thousands) {
        this.decimal = decimal;
        String d = Pattern.quote(String.valueOf(decimal));
        String digits = thousands == null ? "\\d+"
                : "(?:\\d{1,3}(?:" + Pattern.quote(String.valueOf(thousands)) + "\\d{3})+|\\d+)";
        this.pattern = Pattern.compile("[+-]?" + digits + "(?:" + d + "\\d+)?|[+-]?" + d + "\\d+");
    }

    /** The number, or throws {@link NumberFormatException} saying what was expected. */
    double parse(String text) {
        String t = text.trim();
        if (!pattern.matcher(t).matches()) {
            throw new NumberFormatException("'" + text + "' is not a number (decimal separator '" + decimal + "')");
        }
        StringBuilder b = new StringBuilder(t.length());
        for (char c : t.toCharArray()) {
            if (Character.isDigit(c) || c == '-' || c == '+') {
                b.append(c);
            } else if (c == decimal) {
                b.append('.');
            }
        }
        return Decimals.parse(b.toString());
    }
}
