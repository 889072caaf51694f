package de.stadtwerk.hub.quarantine;

import de.stadtwerk.hub.store.StoreUnavailableException;
import de.stadtwerk.hub.store.internal.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The quarantine table: bad input with its original content and the reason, until it is replayed or discarded.
 * Inserts can join the caller's transaction, so that the good part of a batch and the bad part are committed
 * together.
 */
public class QuarantineStore {

    static final int MAX_REASON = 4000;
    private static final String COLUMNS = "id, received_at, source, route_id, reason, payload, replay_endpoint, status, attempts";

    private final DataSource dataSource;
    private final Clock clock;

    public QuarantineStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Adds rejections in their own transaction. */
    public void add(List<Rejection> rejections) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            add(c, rejections);
            c.commit();
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not write to the quarantine: " + e.getMessage(), e);
        }
    }

    /** Adds rejections on the caller's connection, inside its transaction. */
    public void add(Connection c, List<Rejection> rejections) throws SQLException {
        if (rejections.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO quarantine (received_at, source, route_id, reason,"
                + " payload, replay_endpoint, status, attempts, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)")) {
            for (Rejection r : rejections) {
                Jdbc.setInstant(ps, 1, now);
                ps.setString(2, truncate(r.source(), 200));
                ps.setString(3, truncate(r.routeId(), 200));
                ps.setString(4, truncate(r.reason() == null ? "no reason given" : r.reason(), MAX_REASON));
                ps.setString(5, r.payload());
                ps.setString(6, truncate(r.replayEndpoint(), 200));
                ps.setString(7, QuarantinedItem.OPEN);
                Jdbc.setInstant(ps, 8, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Records that a replay of an item failed again: the reason is updated and the attempt counted. */
    public void recordFailedReplay(Connection c, long id, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE quarantine SET reason = ?, attempts = attempts + 1, status = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, truncate(reason, MAX_REASON));
            ps.setString(2, QuarantinedItem.OPEN);
            Jdbc.setInstant(ps, 3, clock.instant());
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    public void recordFailedReplay(long id, String reason) {
        try (Connection c = dataSource.getConnection()) {
            recordFailedReplay(c, id, reason);
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not update quarantine item " + id + ": " + e.getMessage(), e);
        }
    }

    /** Items of one status (or all when {@code status} is null), newest first. */
    public List<QuarantinedItem> list(String status, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM quarantine" + (status == null ? "" : " WHERE status = ?")
                + " ORDER BY id DESC";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (status != null) {
                ps.setString(1, status);
            }
            ps.setMaxRows(limit);
            List<QuarantinedItem> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(map(rs));
                }
            }
            return items;
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read the quarantine: " + e.getMessage(), e);
        }
    }

    /**
     * Items that match a filter, newest first: a status (null: all), and case-insensitive parts of the source, the
     * reason and the payload (null or blank: no condition). {@code %} and {@code _} in a filter match themselves.
     */
    public List<QuarantinedItem> search(String status, String source, String reason, String text, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM quarantine WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status);
        }
        for (String[] condition : new String[][] {{"source", source}, {"reason", reason}, {"payload", text}}) {
            if (condition[1] != null && !condition[1].isBlank()) {
                sql.append(" AND LOWER(").append(condition[0]).append(") LIKE ? ESCAPE '!'");
                args.add("%" + condition[1].strip().toLowerCase(java.util.Locale.ROOT)
                        .replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
            }
        }
        sql.append(" ORDER BY id DESC");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setString(i + 1, args.get(i));
            }
            ps.setMaxRows(limit);
            List<QuarantinedItem> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(map(rs));
                }
            }
            return items;
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not search the quarantine: " + e.getMessage(), e);
        }
    }

    public Optional<QuarantinedItem> get(long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM quarantine WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read quarantine item " + id + ": " + e.getMessage(), e);
        }
    }

    /** Sets the status of an item (REPLAYED or DISCARDED); returns false when there is no such item. */
    public boolean setStatus(long id, String status) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE quarantine SET status = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, status);
            Jdbc.setInstant(ps, 2, clock.instant());
            ps.setLong(3, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not update quarantine item " + id + ": " + e.getMessage(), e);
        }
    }

    /** Number of items with the given status. */
    public long count(String status) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM quarantine WHERE status = ?")) {
            ps.setString(1, status);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not count the quarantine: " + e.getMessage(), e);
        }
    }

    private static QuarantinedItem map(ResultSet rs) throws SQLException {
        return new QuarantinedItem(rs.getLong("id"), Jdbc.getInstant(rs, "received_at"), rs.getString("source"),
                rs.getString("route_id"), rs.getString("reason"), rs.getString("payload"),
                rs.getString("replay_endpoint"), rs.getString("status"), rs.getInt("attempts"));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
