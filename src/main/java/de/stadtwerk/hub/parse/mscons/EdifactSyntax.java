package de.stadtwerk.hub.parse.mscons;

/**
 * The service characters of an EDIFACT interchange, from its UNA service string advice or the defaults of
 * ISO 9735 ({@code UNA:+.? '}).
 *
 * @param componentSeparator component data element separator, default {@code :}
 * @param elementSeparator   data element separator, default {@code +}
 * @param decimalMark        decimal mark announced by UNA, default {@code .} (numbers accept {@code ,} and {@code .})
 * @param releaseChar        release character, default {@code ?}; {@code 0} when the UNA says "not used" (space)
 * @param segmentTerminator  segment terminator, default {@code '}
 */
public record EdifactSyntax(char componentSeparator, char elementSeparator, char decimalMark, char releaseChar,
                            char segmentTerminator) {

    /** No release character in use. */
    public static final char NO_RELEASE = 0;

    /** The ISO 9735 defaults used when an interchange has no UNA: {@code :+.? '}. */
    public static final EdifactSyntax DEFAULT = new EdifactSyntax(':', '+', '.', '?', '\'');

    public EdifactSyntax {
        char[] all = {componentSeparator, elementSeparator, releaseChar, segmentTerminator};
        for (int i = 0; i < all.length; i++) {
            for (int j = i + 1; j < all.length; j++) {
                if (all[i] != NO_RELEASE && all[i] == all[j]) {
                    throw new IllegalArgumentException("service characters must differ, '" + all[i] + "' is used twice");
                }
            }
        }
    }

    /**
     * Reads the six characters after {@code UNA}: component separator, element separator, decimal mark,
     * release character (space = none), reserved (repetition separator), segment terminator.
     */
    public static EdifactSyntax fromUna(String sixChars) {
        if (sixChars == null || sixChars.length() != 6) {
            throw new IllegalArgumentException("UNA needs exactly 6 service characters, found '" + sixChars + "'");
        }
        char release = sixChars.charAt(3) == ' ' ? NO_RELEASE : sixChars.charAt(3);
        return new EdifactSyntax(sixChars.charAt(0), sixChars.charAt(1), sixChars.charAt(2), release, sixChars.charAt(5));
    }

    /** Whether {@code c} has a syntactic meaning (and so must be released inside data). */
    public boolean isServiceChar(char c) {
        return c == componentSeparator || c == elementSeparator || c == segmentTerminator
                || (releaseChar != NO_RELEASE && c == releaseChar);
    }
}
