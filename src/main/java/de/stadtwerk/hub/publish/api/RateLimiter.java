package de.stadtwerk.hub.publish.api;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets in memory, one per key (API key id, or client address without a key). A bucket holds up to
 * {@code burst} tokens and refills at {@code perMinute}; a request takes one. In a cluster every instance counts
 * on its own (see docs/partner-api.md); {@link DatabaseRateLimiter} counts for all instances together.
 */
public class RateLimiter {

    private static final int MAX_BUCKETS = 100_000;

    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(Clock clock) {
        this.clock = clock;
    }

    /**
     * Takes a token from the bucket of {@code key}. Returns 0 when the request may pass, otherwise the whole
     * seconds until a token is available (for Retry-After).
     */
    public long acquire(String key, int perMinute, int burst) {
        if (buckets.size() > MAX_BUCKETS) {
            long now = clock.millis();
            buckets.values().removeIf(b -> b.idleSince(now) > 600_000);
        }
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, clock.millis()));
        return b.take(clock.millis(), perMinute, burst);
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.last = now;
        }

        synchronized long take(long now, int perMinute, int burst) {
            double perMs = perMinute / 60_000.0;
            tokens = Math.min(burst, tokens + (now - last) * perMs);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perMs / 1000.0));
        }

        synchronized long idleSince(long now) {
            return now - last;
        }
    }
}
