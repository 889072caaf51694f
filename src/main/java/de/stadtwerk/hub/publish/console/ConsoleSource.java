package de.stadtwerk.hub.publish.console;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A source the console watches for freshness: a name, the routes that receive its data, and how often a value is
 * expected. Configured in {@code hub.console.sources} as comma-separated entries
 * {@code name=route-id[+route-id…]@ISO-8601-duration}, e.g. {@code meters-mqtt=field-meters-mqtt@PT5M}.
 *
 * @param name     what the IT team calls the source
 * @param routeIds the routes whose successful exchanges count as "received"
 * @param interval a value is expected at least this often; older is an alarm
 */
public record ConsoleSource(String name, List<String> routeIds, Duration interval) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    public ConsoleSource {
        routeIds = List.copyOf(routeIds);
    }

    /** Reads the value of {@code key}; a mistake is reported with the key, the entry and what is wrong. */
    public static List<ConsoleSource> parse(String key, String value) {
        List<ConsoleSource> sources = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        if (value == null || value.isBlank()) {
            return sources;
        }
        for (String raw : value.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            int at = entry.lastIndexOf('@');
            if (eq <= 0 || at < eq + 2 || at == entry.length() - 1) {
                throw new IllegalArgumentException("configuration key " + key + ": entry '" + entry
                        + "' must look like name=route-id[+route-id]@PT5M");
            }
            String name = entry.substring(0, eq).strip();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("configuration key " + key + ": source name '" + name
                        + "' may only have letters, digits and . _ -");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("configuration key " + key + ": source '" + name + "' is listed twice");
            }
            List<String> routes = new ArrayList<>();
            for (String r : entry.substring(eq + 1, at).split("\\+")) {
                if (r.isBlank()) {
                    throw new IllegalArgumentException("configuration key " + key + ": source '" + name
                            + "' has an empty route id");
                }
                routes.add(r.strip());
            }
            String text = entry.substring(at + 1).strip();
            Duration interval;
            try {
                interval = Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("configuration key " + key + ": source '" + name + "': '" + text
                        + "' is not an ISO-8601 duration such as PT5M, PT1H or P1D", e);
            }
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("configuration key " + key + ": source '" + name
                        + "': the interval must be positive, was " + text);
            }
            sources.add(new ConsoleSource(name, routes, interval));
        }
        return sources;
    }
}
