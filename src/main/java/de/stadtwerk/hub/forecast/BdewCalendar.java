package de.stadtwerk.hub.forecast;

import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.Locale;
import java.util.Set;

/**
 * Day type and season of a date for the BDEW profiles, with the German public holidays of one state (Jollyday):
 * a public holiday counts as Sunday; 24 and 31 December count as Saturday unless they are a Sunday (or a holiday).
 */
public final class BdewCalendar {

    /** ISO 3166-2 subdivision codes of the German states, lower case as Jollyday uses them. */
    public static final Set<String> STATES = Set.of("bw", "by", "be", "bb", "hb", "hh", "he", "mv", "ni", "nw", "rp",
            "sl", "sn", "st", "sh", "th");

    private final HolidayManager holidays;
    private final String state;

    /**
     * @param state the state code, e.g. {@code nw} or {@code DE-NW}; null or blank for nationwide holidays only
     */
    public BdewCalendar(String state) {
        String s = state == null ? "" : state.trim().toLowerCase(Locale.ROOT).replaceFirst("^de-", "");
        if (!s.isEmpty() && !STATES.contains(s)) {
            throw new IllegalArgumentException("unknown German state '" + state + "', known: "
                    + STATES.stream().sorted().toList());
        }
        this.state = s;
        this.holidays = HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.GERMANY));
    }

    /** Whether the date is a public holiday in the state (or nationwide). */
    public boolean isPublicHoliday(LocalDate date) {
        return state.isEmpty()
                ? holidays.isHoliday(date, HolidayType.PUBLIC_HOLIDAY)
                : holidays.isHoliday(date, HolidayType.PUBLIC_HOLIDAY, state);
    }

    public DayType dayType(LocalDate date) {
        if (date.getDayOfWeek() == DayOfWeek.SUNDAY || isPublicHoliday(date)) {
            return DayType.SUNDAY;
        }
        if (date.getMonth() == Month.DECEMBER && (date.getDayOfMonth() == 24 || date.getDayOfMonth() == 31)) {
            return DayType.SATURDAY;
        }
        return date.getDayOfWeek() == DayOfWeek.SATURDAY ? DayType.SATURDAY : DayType.WORKDAY;
    }

    public Season season(LocalDate date) {
        return Season.of(date);
    }
}
