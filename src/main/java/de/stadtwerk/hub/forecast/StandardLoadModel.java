package de.stadtwerk.hub.forecast;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Expected load of a customer group from a BDEW standard load profile scaled by its annual consumption, in local time
 * (Europe/Berlin by default). A day has 96 quarter-hours, 92 on the day clocks go forward (02:00–03:00 does not
 * exist) and 100 on the day they go back (02:00–03:00 happens twice, both with the profile's 02:xx values).
 */
public final class StandardLoadModel {

    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final StandardLoadProfiles profiles;
    private final BdewCalendar calendar;
    private final ZoneId zone;

    public StandardLoadModel(StandardLoadProfiles profiles, BdewCalendar calendar, ZoneId zone) {
        this.profiles = profiles;
        this.calendar = calendar;
        this.zone = zone;
    }

    /** Bundled profiles, German time, holidays of {@code state}. */
    public static StandardLoadModel forState(String state) {
        return new StandardLoadModel(StandardLoadProfiles.bundled(), new BdewCalendar(state), BERLIN);
    }

    /** The quarter-hours of a local date with the expected mean load in W for {@code annualKWh}. */
    public List<LoadInterval> quarterHours(LocalDate date, LoadProfileId profile, double annualKWh) {
        double[] values = profiles.values(profile, calendar.season(date), calendar.dayType(date));
        double scale = annualKWh / 1000.0;
        List<LoadInterval> result = new ArrayList<>(100);
        ZonedDateTime t = date.atStartOfDay(zone);
        ZonedDateTime end = date.plusDays(1).atStartOfDay(zone);
        while (t.isBefore(end)) {
            ZonedDateTime next = t.plusMinutes(15);
            int qh = t.getHour() * 4 + t.getMinute() / 15;
            double w = profile.dynamised() ? H0Dynamisation.apply(values[qh], date) : values[qh];
            result.add(new LoadInterval(t.toInstant(), next.toInstant(), w * scale));
            t = next;
        }
        return result;
    }

    /** Hourly means over [from, to) (UTC hour grid), for {@code annualKWh}; the days are taken in local time. */
    public List<LoadInterval> hourly(Instant from, Instant to, LoadProfileId profile, double annualKWh) {
        List<LoadInterval> result = new ArrayList<>();
        LocalDate day = from.atZone(zone).toLocalDate();
        LocalDate last = to.minusNanos(1).atZone(zone).toLocalDate();
        List<LoadInterval> quarters = new ArrayList<>();
        for (LocalDate d = day; !d.isAfter(last); d = d.plusDays(1)) {
            quarters.addAll(quarterHours(d, profile, annualKWh));
        }
        for (Instant h = from; h.isBefore(to); h = h.plus(Duration.ofHours(1))) {
            Instant start = h;
            Instant end = h.plus(Duration.ofHours(1));
            double mean = quarters.stream().filter(q -> !q.start().isBefore(start) && q.start().isBefore(end))
                    .mapToDouble(LoadInterval::watts).average().orElse(0.0);
            result.add(new LoadInterval(start, end, mean));
        }
        return result;
    }
}
