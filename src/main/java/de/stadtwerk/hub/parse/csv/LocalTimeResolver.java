package de.stadtwerk.hub.parse.csv;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns local times of a file into instants across both DST changes. A time in the spring gap is an error.
 * A time in the repeated autumn hour is resolved by a marker when the export has one, otherwise in file order
 * per series: its first occurrence gets the earlier (summer) offset, the second the later (winter) offset.
 * Memory: the repeated-hour times seen per series key, cleared once the series has left that hour.
 */
final class LocalTimeResolver {

    /** Why a local time cannot be resolved. */
    static final class UnresolvableTimeException extends IllegalArgumentException {
        UnresolvableTimeException(String message) {
            super(message);
        }
    }

    private final ZoneId zone;
    private final Map<String, Map<LocalDateTime, Integer>> seenInOverlap = new HashMap<>();

    LocalTimeResolver(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * @param local     the local time
     * @param seriesKey what the file-order rule counts per (e.g. the asset)
     * @param earlier   TRUE/FALSE from a marker column, or null for the file-order rule
     */
    Instant resolve(LocalDateTime local, String seriesKey, Boolean earlier) {
        ZoneOffsetTransition t = zone.getRules().getTransition(local);
        Map<LocalDateTime, Integer> seen = seenInOverlap.get(seriesKey);
        if (t == null) {
            if (seen != null && seen.keySet().stream().allMatch(local::isAfter)) {
                seenInOverlap.remove(seriesKey);
            }
            return local.atZone(zone).toInstant();
        }
        if (t.isGap()) {
            throw new UnresolvableTimeException("local time " + local + " does not exist in " + zone
                    + ": the clocks jump from " + t.getDateTimeBefore().toLocalTime() + " to "
                    + t.getDateTimeAfter().toLocalTime() + " that day");
        }
        boolean first;
        if (earlier != null) {
            first = earlier;
        } else {
            int occurrence = seenInOverlap.computeIfAbsent(seriesKey, x -> new HashMap<>()).merge(local, 1, Integer::sum);
            if (occurrence > 2) {
                throw new UnresolvableTimeException("local time " + local + " occurs more than twice in " + zone
                        + " (the autumn hour repeats only once)");
            }
            first = occurrence == 1;
        }
        return local.atOffset(first ? t.getOffsetBefore() : t.getOffsetAfter()).toInstant();
    }
}
