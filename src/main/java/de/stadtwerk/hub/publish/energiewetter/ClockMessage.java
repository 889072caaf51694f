package de.stadtwerk.hub.publish.energiewetter;

import de.stadtwerk.hub.forecast.EnergiewetterSignal;
import de.stadtwerk.hub.forecast.SignalHour;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * The compact MQTT message for LED clocks (retained, republished on every issue), one line of ASCII:
 * <pre>EW1;&lt;issued, epoch s&gt;;&lt;start of first hour, epoch s&gt;;&lt;UTC offset of the first hour, min&gt;;&lt;levels&gt;</pre>
 * with one character per hour from the first hour on: {@code G} green, {@code Y} yellow, {@code R} red, lower case when
 * the hour belongs to the best window of its day, {@code -} no forecast. The first 24 characters are the next 24
 * hours; the whole string the next 72. Example: {@code EW1;1718265900;1718265600;120;RRRYYggGYYR…}.
 */
public final class ClockMessage {

    public static final String VERSION = "EW1";

    private ClockMessage() {
    }

    /** The message for {@code hours} hours from {@code from} (the hour the issue starts at). */
    public static String of(EnergiewetterSignal signal, Instant issuedAt, Instant from, int hours, ZoneId zone) {
        Instant first = from.truncatedTo(ChronoUnit.HOURS);
        Map<Instant, SignalHour> byStart = new HashMap<>();
        if (signal != null) {
            signal.hours().forEach(h -> byStart.put(h.start(), h));
        }
        StringBuilder levels = new StringBuilder(hours);
        for (int i = 0; i < hours; i++) {
            SignalHour h = byStart.get(first.plus(i, ChronoUnit.HOURS));
            if (h == null || h.level() == null) {
                levels.append('-');
            } else {
                char c = h.level().name().charAt(0);
                levels.append(h.bestWindow() ? Character.toLowerCase(c) : c);
            }
        }
        int offsetMinutes = zone.getRules().getOffset(first).getTotalSeconds() / 60;
        return VERSION + ";" + issuedAt.getEpochSecond() + ";" + first.getEpochSecond() + ";" + offsetMinutes + ";" + levels;
    }
}
