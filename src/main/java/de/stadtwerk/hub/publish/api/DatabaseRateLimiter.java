package de.stadtwerk.hub.publish.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rate limits shared by every hub instance on one database ({@code hub.api.rate-limit.store=database}): a fixed-window
 * counter per key in the table {@code api_rate_limit} (migration V8). A request adds one to the row of its key and
 * window in one short transaction (an UPDATE, or an INSERT for the first request of a window; the row lock makes the
 * count exact under concurrency on PostgreSQL and H2) and passes while the count is within the limit of the window
 * ({@code perMinute} scaled to the window length). The burst of the in-memory token bucket does not apply here; a
 * client may send up to the window's limit at once.
 *
 * <p>When the database cannot be reached, the instance falls back to its own in-memory token bucket (the inherited
 * {@link RateLimiter}) and says so in the log once per minute: the API stays limited, per instance, until the
 * database is back.
 */
public class DatabaseRateLimiter extends RateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseRateLimiter.class);
    private static final int MAX_KEY = 200;

    private final DataSource dataSource;
    private final Clock clock;
    private final long windowMs;
    private volatile long lastCleanup;
    private volatile long lastWarning;

    public DatabaseRateLimiter(DataSource dataSource, Clock clock, Duration window) {
        super(clock);
        if (window.toMillis() < 1000) {
            throw new IllegalArgumentException("the rate-limit window must be at least 1 s, was " + window);
        }
        this.dataSource = dataSource;
        this.clock = clock;
        this.windowMs = window.toMillis();
    }

    @Override
    public long acquire(String key, int perMinute, int burst) {
        long now = clock.millis();
        long windowStart = now - Math.floorMod(now, windowMs);
        long limit = Math.max(1, Math.round(perMinute * (windowMs / 60_000.0)));
        long hits;
        try {
            hits = count(storedKey(key), windowStart);
            cleanUp(now);
        } catch (SQLException e) {
            if (now - lastWarning > 60_000) {
                lastWarning = now;
                LOG.warn("Rate limits: the database is not reachable ({}); counting per instance until it is back",
                        e.getMessage());
            }
            return super.acquire(key, perMinute, burst);
        }
        if (hits <= limit) {
            return 0;
        }
        return Math.max(1, (windowStart + windowMs - now + 999) / 1000);
    }

    /** Adds one request to the key's window and returns the window's count, in one transaction. */
    private long count(String key, long windowStart) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                if (increment(c, key, windowStart) == 0) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO api_rate_limit (rate_key, window_start, hits) VALUES (?, ?, 1)")) {
                        ps.setString(1, key);
                        ps.setLong(2, windowStart);
                        ps.executeUpdate();
                    } catch (SQLException e) {
                        if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                            throw e;
                        }
                        // another instance inserted the row first: count on it
                        c.rollback();
                        increment(c, key, windowStart);
                    }
                }
                long hits;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT hits FROM api_rate_limit WHERE rate_key = ? AND window_start = ?")) {
                    ps.setString(1, key);
                    ps.setLong(2, windowStart);
                    try (ResultSet rs = ps.executeQuery()) {
                        hits = rs.next() ? rs.getLong(1) : 1;
                    }
                }
                c.commit();
                return hits;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    private static int increment(Connection c, String key, long windowStart) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE api_rate_limit SET hits = hits + 1 WHERE rate_key = ? AND window_start = ?")) {
            ps.setString(1, key);
            ps.setLong(2, windowStart);
            return ps.executeUpdate();
        }
    }

    /** Deletes the windows that ended before the previous one, at most once per window and instance. */
    private void cleanUp(long now) throws SQLException {
        if (now - lastCleanup < windowMs) {
            return;
        }
        lastCleanup = now;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM api_rate_limit WHERE window_start < ?")) {
            ps.setLong(1, now - 2 * windowMs);
            ps.executeUpdate();
        }
    }

    /** Keys longer than the column (long client addresses) are stored by their SHA-256. */
    static String storedKey(String key) {
        if (key.length() <= MAX_KEY) {
            return key;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
