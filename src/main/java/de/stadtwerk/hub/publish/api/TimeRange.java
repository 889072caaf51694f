package de.stadtwerk.hub.publish.api;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The time range of a values request: {@code from} (inclusive) and {@code to} (exclusive), each an ISO-8601 time
 * with offset ({@code 2026-11-26T00:00:00+01:00}, {@code …Z}) or a date ({@code 2026-11-26}: the start of that local
 * day in {@code tz}). Times without offset are refused: at a DST change they are ambiguous.
 */
record TimeRange(Instant from, Instant to, ZoneId zone) {

    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    static ZoneId zone(ApiRequest r, ZoneId def) {
        String tz = r.param("tz");
        if (tz == null) {
            return def;
        }
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw ApiProblem.badRequest("tz must be a time zone such as Europe/Berlin or UTC, was '" + ApiProblem.echo(tz) + "'");
        }
    }

    static TimeRange of(ApiRequest r, ZoneId zone, Duration max) {
        Instant from = instant(r, "from", zone);
        Instant to = instant(r, "to", zone);
        if (!from.isBefore(to)) {
            throw ApiProblem.badRequest("from must be before to (from " + from + ", to " + to + ")");
        }
        if (Duration.between(from, to).compareTo(max) > 0) {
            throw ApiProblem.badRequest("the time range is longer than the " + max.toDays()
                    + " days this request allows; split it into shorter ranges");
        }
        return new TimeRange(from, to, zone);
    }

    static Instant instant(ApiRequest r, String name, ZoneId zone) {
        return instant(r.required(name), name, zone);
    }

    static Instant instant(String raw, String name, ZoneId zone) {
        // an unencoded '+' of an offset arrives as a space (form encoding): take it back
        String v = raw.replace(' ', '+');
        Instant t;
        try {
            if (v.length() == 10) {
                t = LocalDate.parse(v).atStartOfDay(zone).toInstant();
            } else {
                t = OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            }
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(name + " must be an ISO-8601 time with offset (2026-11-26T00:00:00+01:00"
                    + " or 2026-11-25T23:00:00Z) or a date (2026-11-26), was '" + ApiProblem.echo(v) + "'");
        }
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            throw ApiProblem.badRequest(name + " must lie between 1900 and 2200, was '" + ApiProblem.echo(v) + "'");
        }
        return t;
    }

    /** A time for a response: ISO-8601 with the offset of the range's zone. */
    String format(Instant t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(zone));
    }
}
