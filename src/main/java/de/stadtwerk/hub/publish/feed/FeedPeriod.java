package de.stadtwerk.hub.publish.feed;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The period a feed run exports: [from, to) in UTC, and the zone its local times are shown in. A local day at a
 * DST change is 23 or 25 hours long, and the period is exactly that long.
 *
 * @param from start (inclusive)
 * @param to   end (exclusive)
 * @param zone the local time zone (Europe/Berlin)
 */
public record FeedPeriod(Instant from, Instant to, ZoneId zone) {

    public FeedPeriod {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a feed period must end after it starts: " + from + " .. " + to);
        }
    }

    public ZonedDateTime localFrom() {
        return from.atZone(zone);
    }

    /** The last instant inside the period (one second before its end), in local time: the last day it covers. */
    public ZonedDateTime localLast() {
        return to.minusSeconds(1).atZone(zone);
    }

    /** Length in hours (23, 24 or 25 for a local day). */
    public double hours() {
        return (to.getEpochSecond() - from.getEpochSecond()) / 3600.0;
    }

    @Override
    public String toString() {
        return from + " .. " + to;
    }
}
