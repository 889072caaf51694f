package de.stadtwerk.hub.publish.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How fresh a source is: when a value last arrived, measured against the interval it is expected in.
 *
 * @param source       the source
 * @param lastReceived when its routes last finished an exchange without error (this instance, since start)
 * @param age          now minus lastReceived, or the time since start when nothing arrived yet
 * @param status       {@link #OK}, {@link #LATE} (alarm), {@link #WAITING} (nothing yet, but the hub started less
 *                     than one interval ago) or {@link #NO_ROUTE} (a configured route is not running in this hub)
 * @param text         one sentence for the page
 */
public record Freshness(ConsoleSource source, Optional<Instant> lastReceived, Duration age, String status, String text) {

    public static final String OK = "OK";
    public static final String LATE = "LATE";
    public static final String WAITING = "WAITING";
    public static final String NO_ROUTE = "NO_ROUTE";

    /** True when the console shows an alarm. */
    public boolean alarm() {
        return LATE.equals(status) || NO_ROUTE.equals(status);
    }

    /**
     * Judges a source.
     *
     * @param source        the source
     * @param lastReceived  the newest successful exchange of its routes, if any
     * @param missingRoutes configured routes that this hub does not have
     * @param since         when counting began (the hub's start)
     * @param now           the time of the judgement
     */
    public static Freshness judge(ConsoleSource source, Optional<Instant> lastReceived, List<String> missingRoutes,
                                  Instant since, Instant now) {
        Duration age = Duration.between(lastReceived.orElse(since), now);
        if (age.isNegative()) {
            age = Duration.ZERO;
        }
        if (!missingRoutes.isEmpty()) {
            return new Freshness(source, lastReceived, age, NO_ROUTE, "route " + String.join(", ", missingRoutes)
                    + " is not part of this hub; check hub.console.sources");
        }
        String expected = "expected every " + human(source.interval());
        if (lastReceived.isPresent()) {
            return age.compareTo(source.interval()) <= 0
                    ? new Freshness(source, lastReceived, age, OK, "last value " + human(age) + " ago; " + expected)
                    : new Freshness(source, lastReceived, age, LATE, "no value for " + human(age) + "; " + expected);
        }
        return age.compareTo(source.interval()) <= 0
                ? new Freshness(source, lastReceived, age, WAITING, "nothing yet since the hub started " + human(age)
                        + " ago; " + expected)
                : new Freshness(source, lastReceived, age, LATE, "nothing received since the hub started " + human(age)
                        + " ago; " + expected);
    }

    /** A duration as people say it: 45 s, 12 min, 3 h 5 min, 2 d 4 h. */
    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + " s";
        }
        long m = s / 60;
        if (m < 120) {
            return m + " min";
        }
        long h = m / 60;
        if (h < 48) {
            return m % 60 == 0 ? h + " h" : h + " h " + (m % 60) + " min";
        }
        return h % 24 == 0 ? (h / 24) + " d" : (h / 24) + " d " + (h % 24) + " h";
    }
}
