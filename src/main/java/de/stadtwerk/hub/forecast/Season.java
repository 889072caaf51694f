package de.stadtwerk.hub.forecast;

import java.time.LocalDate;
import java.time.MonthDay;

/**
 * The BDEW load-profile periods: winter 1 Nov – 20 Mar, summer 15 May – 14 Sep, transition otherwise
 * (21 Mar – 14 May and 15 Sep – 31 Oct).
 */
public enum Season {
    WINTER, SUMMER, TRANSITION;

    private static final MonthDay WINTER_END = MonthDay.of(3, 20);
    private static final MonthDay SUMMER_START = MonthDay.of(5, 15);
    private static final MonthDay SUMMER_END = MonthDay.of(9, 14);
    private static final MonthDay WINTER_START = MonthDay.of(11, 1);

    public static Season of(LocalDate date) {
        MonthDay md = MonthDay.from(date);
        if (!md.isAfter(WINTER_END) || !md.isBefore(WINTER_START)) {
            return WINTER;
        }
        if (!md.isBefore(SUMMER_START) && !md.isAfter(SUMMER_END)) {
            return SUMMER;
        }
        return TRANSITION;
    }

    /** The name used in the profile table. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
