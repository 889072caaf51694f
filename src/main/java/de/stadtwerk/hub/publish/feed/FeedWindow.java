package de.stadtwerk.hub.publish.feed;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time window relative to now, in local time: {@code today}, {@code yesterday}, {@code tomorrow},
 * {@code last-week} (Monday to Sunday before this week), {@code last-month}, {@code this-month},
 * {@code last-N-days} (the N whole local days before today), {@code next-N-days} (from today on),
 * {@code last-N-hours} (the N whole hours before the current one) and {@code next-N-hours} (from the current hour).
 * Days are local days: at a DST change they have 23 or 25 hours.
 */
public final class FeedWindow {

    private static final Pattern RELATIVE = Pattern.compile("(last|next)-(\\d{1,4})-(days|hours)");

    private final String code;

    private FeedWindow(String code) {
        this.code = code;
    }

    /** Parses and validates a window code. */
    public static FeedWindow of(String code) {
        String c = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
        FeedWindow w = new FeedWindow(c);
        w.period(Instant.EPOCH, ZoneId.of("UTC"));
        return w;
    }

    public String code() {
        return code;
    }

    /** The period of this window at the instant {@code now}. */
    public FeedPeriod period(Instant now, ZoneId zone) {
        LocalDate today = now.atZone(zone).toLocalDate();
        switch (code) {
            case "today":
                return days(today, 1, zone);
            case "yesterday":
                return days(today.minusDays(1), 1, zone);
            case "tomorrow":
                return days(today.plusDays(1), 1, zone);
            case "last-week": {
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
                return days(monday, 7, zone);
            }
            case "last-month": {
                LocalDate first = today.withDayOfMonth(1).minusMonths(1);
                return new FeedPeriod(first.atStartOfDay(zone).toInstant(),
                        first.plusMonths(1).atStartOfDay(zone).toInstant(), zone);
            }
            case "this-month": {
                LocalDate first = today.withDayOfMonth(1);
                return new FeedPeriod(first.atStartOfDay(zone).toInstant(),
                        first.plusMonths(1).atStartOfDay(zone).toInstant(), zone);
            }
            default:
                break;
        }
        Matcher m = RELATIVE.matcher(code);
        if (!m.matches() || Integer.parseInt(m.group(2)) < 1) {
            throw new IllegalArgumentException("unknown window '" + code + "', expected today, yesterday, tomorrow,"
                    + " last-week, last-month, this-month, last-N-days, next-N-days, last-N-hours or next-N-hours");
        }
        int n = Integer.parseInt(m.group(2));
        boolean last = m.group(1).equals("last");
        if (m.group(3).equals("days")) {
            return last ? days(today.minusDays(n), n, zone) : days(today, n, zone);
        }
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        return last ? new FeedPeriod(hour.minus(n, ChronoUnit.HOURS), hour, zone)
                : new FeedPeriod(hour, hour.plus(n, ChronoUnit.HOURS), zone);
    }

    private static FeedPeriod days(LocalDate first, int n, ZoneId zone) {
        ZonedDateTime start = first.atStartOfDay(zone);
        return new FeedPeriod(start.toInstant(), first.plusDays(n).atStartOfDay(zone).toInstant(), zone);
    }

    @Override
    public String toString() {
        return code;
    }
}
