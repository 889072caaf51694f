package de.stadtwerk.hub.parse.mscons;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;

/**
 * Date/time values of DTM segments (C507: qualifier, value, format code) as UTC instants.
 *
 * <p>Formats: {@code 102} CCYYMMDD, {@code 203} CCYYMMDDHHMM, {@code 204} CCYYMMDDHHMMSS (all three in the
 * configured local zone, Europe/Berlin by default; a local time in the spring gap or the autumn repeated hour
 * is rejected as ambiguous), {@code 303} CCYYMMDDHHMMZZZ and {@code 304} CCYYMMDDHHMMSSZZZ with a UTC
 * offset {@code +01}, {@code -0130} … (written {@code ?+01} in the file, the release character is already
 * removed here).
 */
final class EdifactDates {

    private EdifactDates() {
    }

    static Instant parse(String value, String format, ZoneId localZone) {
        String v = value.trim();
        return switch (format) {
            case "102" -> local(digits(v, 8, format).substring(0, 8) + "0000", localZone);
            case "203" -> local(digits(v, 12, format), localZone);
            case "204" -> localSeconds(digits(v, 14, format), localZone);
            case "303" -> offset(v, 12, format);
            case "304" -> offset(v, 14, format);
            case "" -> throw new IllegalArgumentException("DTM has no format code");
            default -> throw new IllegalArgumentException("unsupported DTM format code " + format
                    + " (supported: 102, 203, 204, 303, 304)");
        };
    }

    private static String digits(String v, int length, String format) {
        if (v.length() != length || !allDigits(v)) {
            throw new IllegalArgumentException("'" + v + "' is not a date/time of format " + format
                    + " (" + length + " digits expected)");
        }
        return v;
    }

    private static Instant local(String twelve, ZoneId zone) {
        return resolve(dateTime(twelve + "00"), zone);
    }

    private static Instant localSeconds(String fourteen, ZoneId zone) {
        return resolve(dateTime(fourteen), zone);
    }

    private static Instant offset(String v, int digits, String format) {
        if (v.length() < digits + 3) {
            throw new IllegalArgumentException("'" + v + "' is not a date/time of format " + format
                    + " (" + digits + " digits and a UTC offset such as +01 expected)");
        }
        String dt = digits(v.substring(0, digits), digits, format);
        String off = v.substring(digits);
        if (!isOffset(off)) {
            throw new IllegalArgumentException("'" + off + "' in '" + v + "' is not a UTC offset (+HH or +HHMM)");
        }
        int hours = Integer.parseInt(off.substring(1, 3));
        int minutes = off.length() == 5 ? Integer.parseInt(off.substring(3, 5)) : 0;
        int sign = off.charAt(0) == '-' ? -1 : 1;
        try {
            ZoneOffset zo = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
            return dateTime(digits == 12 ? dt + "00" : dt).toInstant(zo);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + v + "': " + e.getMessage());
        }
    }

    private static LocalDateTime dateTime(String fourteen) {
        try {
            return LocalDateTime.of(LocalDate.of(i(fourteen, 0, 4), i(fourteen, 4, 6), i(fourteen, 6, 8)),
                    java.time.LocalTime.of(i(fourteen, 8, 10), i(fourteen, 10, 12), i(fourteen, 12, 14)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + fourteen + "' is not a valid date/time: " + e.getMessage());
        }
    }

    private static Instant resolve(LocalDateTime ldt, ZoneId zone) {
        ZoneOffsetTransition t = zone.getRules().getTransition(ldt);
        if (t != null) {
            throw new IllegalArgumentException("local time " + ldt + " is " + (t.isGap() ? "skipped" : "repeated")
                    + " in " + zone + " (DST change); it needs format 303 with a UTC offset");
        }
        return ldt.atZone(zone).toInstant();
    }

    private static int i(String s, int from, int to) {
        int n = 0;
        for (int k = from; k < to; k++) {
            n = n * 10 + (s.charAt(k) - '0');
        }
        return n;
    }

    /** {@code [+-]\\d{2}(\\d{2})?}, checked by hand (it runs for every interval of a file). */
    private static boolean isOffset(String off) {
        return (off.length() == 3 || off.length() == 5) && (off.charAt(0) == '+' || off.charAt(0) == '-')
                && allDigits(off.substring(1));
    }

    private static boolean allDigits(String v) {
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
