package de.stadtwerk.hub.publish.feed;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Fast text forms of instants for the writers (millions of rows): German local time {@code dd.MM.yyyy HH:mm} and
 * UTC {@code yyyy-MM-ddTHH:mmZ}; seconds are added ({@code :ss}) only when they are not zero.
 */
final class TimeText {

    private TimeText() {
    }

    static void local(StringBuilder sb, Instant t, ZoneRules rules) {
        ZoneOffset offset = rules.getOffset(t);
        LocalDateTime l = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, offset);
        two(sb, l.getDayOfMonth()).append('.');
        two(sb, l.getMonthValue()).append('.');
        sb.append(l.getYear()).append(' ');
        time(sb, l);
    }

    static void utc(StringBuilder sb, Instant t) {
        LocalDateTime l = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        sb.append(l.getYear()).append('-');
        two(sb, l.getMonthValue()).append('-');
        two(sb, l.getDayOfMonth()).append('T');
        time(sb, l);
        sb.append('Z');
    }

    /** ISO-8601 local date-time with offset, e.g. {@code 2024-10-27T02:00+02:00}. */
    static void offset(StringBuilder sb, Instant t, ZoneRules rules) {
        ZoneOffset offset = rules.getOffset(t);
        LocalDateTime l = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, offset);
        sb.append(l.getYear()).append('-');
        two(sb, l.getMonthValue()).append('-');
        two(sb, l.getDayOfMonth()).append('T');
        time(sb, l);
        sb.append(offset.getTotalSeconds() == 0 ? "Z" : offset.getId());
    }

    private static void time(StringBuilder sb, LocalDateTime l) {
        two(sb, l.getHour()).append(':');
        two(sb, l.getMinute());
        if (l.getSecond() != 0) {
            two(sb.append(':'), l.getSecond());
        }
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }
}
