package de.stadtwerk.hub.forecast;

/** The BDEW day types. Public holidays count as Sunday; 24 and 31 December as Saturday unless they are Sundays. */
public enum DayType {
    WORKDAY, SATURDAY, SUNDAY;

    /** The name used in the profile table. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
