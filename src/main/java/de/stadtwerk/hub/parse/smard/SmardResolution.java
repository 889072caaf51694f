package de.stadtwerk.hub.parse.smard;

import de.stadtwerk.hub.quarantine.BadInputException;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.TemporalAmount;
import java.util.Arrays;
import java.util.Locale;

/**
 * A SMARD resolution (the {@code <resolution>} path segment of {@code chart_data}). Calendar resolutions are
 * German calendar units: a day in Europe/Berlin has 23 or 25 hours on DST change days.
 */
public enum SmardResolution {
    QUARTERHOUR("quarterhour", java.time.Duration.ofMinutes(15)),
    HOUR("hour", java.time.Duration.ofHours(1)),
    DAY("day", Period.ofDays(1)),
    WEEK("week", Period.ofWeeks(1)),
    MONTH("month", Period.ofMonths(1)),
    YEAR("year", Period.ofYears(1));

    /** SMARD's calendar is German local time. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private final String code;
    private final TemporalAmount length;

    SmardResolution(String code, TemporalAmount length) {
        this.code = code;
        this.length = length;
    }

    /** The path segment, e.g. {@code quarterhour}. */
    public String code() {
        return code;
    }

    /** The end of the interval that starts at {@code start}. */
    public Instant endOf(Instant start) {
        if (length instanceof java.time.Duration d) {
            return start.plus(d);
        }
        return start.atZone(ZONE).plus(length).toInstant();
    }

    public static SmardResolution ofCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code == null ? null : code.toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new BadInputException("unknown SMARD resolution '" + code
                        + "', expected one of quarterhour, hour, day, week, month, year"));
    }
}
