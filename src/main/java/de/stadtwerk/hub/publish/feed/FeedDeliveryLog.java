package de.stadtwerk.hub.publish.feed;

import de.stadtwerk.hub.store.StoreUnavailableException;
import de.stadtwerk.hub.store.internal.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code feed_delivery} table: every delivery of a feed with its period, rows, destination and outcome. */
public class FeedDeliveryLog {

    private static final int MAX_ERROR = 4000;
    private static final String COLUMNS = "id, feed_id, period_from, period_to, file_name, row_count, destination,"
            + " outcome, attempts, resends, error, created_at, updated_at";

    private final DataSource dataSource;
    private final Clock clock;

    public FeedDeliveryLog(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** A new entry RUNNING; returns its id. */
    public long start(String feedId, FeedPeriod period, String destination) {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO feed_delivery (feed_id, period_from, period_to, destination, outcome, attempts, resends,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, feedId);
            Jdbc.setInstant(ps, 2, period.from());
            Jdbc.setInstant(ps, 3, period.to());
            ps.setString(4, destination);
            ps.setString(5, FeedDelivery.RUNNING);
            Jdbc.setInstant(ps, 6, now);
            Jdbc.setInstant(ps, 7, now);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw unavailable("log the delivery of feed " + feedId, e);
        }
    }

    /** Marks an entry RUNNING again for a resend (counted in {@code resends}). */
    public void restart(long id, String destination) {
        update("UPDATE feed_delivery SET outcome = ?, resends = resends + 1, destination = ?, updated_at = ? WHERE id = ?",
                id, ps -> {
                    ps.setString(1, FeedDelivery.RUNNING);
                    ps.setString(2, destination);
                    Jdbc.setInstant(ps, 3, clock.instant());
                    ps.setLong(4, id);
                });
    }

    /** The file was written: its name and row count. */
    public void written(long id, String fileName, long rows) {
        update("UPDATE feed_delivery SET file_name = ?, row_count = ?, updated_at = ? WHERE id = ?", id, ps -> {
            ps.setString(1, fileName);
            ps.setLong(2, rows);
            Jdbc.setInstant(ps, 3, clock.instant());
            ps.setLong(4, id);
        });
    }

    /** Delivered after {@code attempts} attempts of this run. */
    public void delivered(long id, int attempts) {
        finish(id, FeedDelivery.DELIVERED, attempts, null);
    }

    /** Failed after {@code attempts} attempts of this run, with the cause. */
    public void failed(long id, int attempts, String error) {
        finish(id, FeedDelivery.FAILED, attempts, error == null ? "unknown error" : error);
    }

    private void finish(long id, String outcome, int attempts, String error) {
        update("UPDATE feed_delivery SET outcome = ?, attempts = attempts + ?, error = ?, updated_at = ? WHERE id = ?",
                id, ps -> {
                    ps.setString(1, outcome);
                    ps.setInt(2, attempts);
                    ps.setString(3, error == null ? null : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error);
                    Jdbc.setInstant(ps, 4, clock.instant());
                    ps.setLong(5, id);
                });
    }

    public Optional<FeedDelivery> find(long id) {
        List<FeedDelivery> r = query("SELECT " + COLUMNS + " FROM feed_delivery WHERE id = ?", ps -> ps.setLong(1, id));
        return r.stream().findFirst();
    }

    /** The newest entries, newest first. */
    public List<FeedDelivery> recent(int limit) {
        return query("SELECT " + COLUMNS + " FROM feed_delivery ORDER BY id DESC", ps -> ps.setMaxRows(limit));
    }

    /** Entries whose last run failed, newest first. */
    public List<FeedDelivery> failed(int limit) {
        return query("SELECT " + COLUMNS + " FROM feed_delivery WHERE outcome = ? ORDER BY id DESC", ps -> {
            ps.setString(1, FeedDelivery.FAILED);
            ps.setMaxRows(limit);
        });
    }

    /** The entries of one feed, newest first. */
    public List<FeedDelivery> ofFeed(String feedId, int limit) {
        return query("SELECT " + COLUMNS + " FROM feed_delivery WHERE feed_id = ? ORDER BY id DESC", ps -> {
            ps.setString(1, feedId);
            ps.setMaxRows(limit);
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private void update(String sql, long id, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            if (ps.executeUpdate() != 1) {
                throw new IllegalArgumentException("no feed delivery with id " + id);
            }
        } catch (SQLException e) {
            throw unavailable("update feed delivery " + id, e);
        }
    }

    private List<FeedDelivery> query(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<FeedDelivery> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long rows = rs.getLong("row_count");
                    result.add(new FeedDelivery(rs.getLong("id"), rs.getString("feed_id"),
                            Jdbc.getInstant(rs, "period_from"), Jdbc.getInstant(rs, "period_to"),
                            rs.getString("file_name"), rs.wasNull() ? null : rows, rs.getString("destination"),
                            rs.getString("outcome"), rs.getInt("attempts"), rs.getInt("resends"), rs.getString("error"),
                            Jdbc.getInstant(rs, "created_at"), Jdbc.getInstant(rs, "updated_at")));
                }
            }
            return result;
        } catch (SQLException e) {
            throw unavailable("read the feed delivery log", e);
        }
    }

    private static StoreUnavailableException unavailable(String what, SQLException e) {
        return new StoreUnavailableException("could not " + what + ": " + e.getMessage(), e);
    }
}
