package de.stadtwerk.hub.publish.export;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** The dead-letter table of the push targets ({@code export_dead_letter}, migration V7). */
public class DeadLetterStore {

    private static final String COLUMNS =
            "id, target, item_key, payload, item_count, cause, attempts, status, replays, created_at, updated_at";

    private final DataSource dataSource;
    private final Clock clock;

    public DeadLetterStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Parks a batch; returns its id. Runs on the given connection (the caller's transaction). */
    public long park(Connection c, String target, String itemKey, String payload, int itemCount, String cause,
                     int attempts) throws SQLException {
        Instant now = clock.instant();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO export_dead_letter (target, item_key, payload,"
                + " item_count, cause, attempts, status, replays, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, target);
            ps.setString(2, itemKey);
            ps.setString(3, payload);
            ps.setInt(4, itemCount);
            ps.setString(5, cut(cause));
            ps.setInt(6, attempts);
            ps.setString(7, DeadLetter.PARKED);
            Jdbc.setInstant(ps, 8, now);
            Jdbc.setInstant(ps, 9, now);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Parks a batch in its own transaction. */
    public long park(String target, String itemKey, String payload, int itemCount, String cause, int attempts) {
        try (Connection c = dataSource.getConnection()) {
            return park(c, target, itemKey, payload, itemCount, cause, attempts);
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not park a " + target + " batch of " + itemKey + ": "
                    + e.getMessage(), e);
        }
    }

    /** A replay went through. */
    public void replayed(long id) {
        update("UPDATE export_dead_letter SET status = ?, replays = replays + 1, updated_at = ? WHERE id = ?",
                DeadLetter.REPLAYED, null, 0, id);
    }

    /**
     * The item went through in a later run (CKAN: the whole dataset is sent every time): its parked entries are
     * SUPERSEDED, nothing is left to replay.
     */
    public int supersede(String target, String itemKey) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE export_dead_letter SET status = ?, updated_at = ? WHERE target = ? AND item_key = ? AND status = ?")) {
            ps.setString(1, DeadLetter.SUPERSEDED);
            Jdbc.setInstant(ps, 2, clock.instant());
            ps.setString(3, target);
            ps.setString(4, itemKey);
            ps.setString(5, DeadLetter.PARKED);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not update the dead letters of " + itemKey + ": " + e.getMessage(), e);
        }
    }

    /** A replay failed again: the entry stays PARKED with the new cause. */
    public void replayFailed(long id, String cause, int attempts) {
        update("UPDATE export_dead_letter SET status = ?, cause = ?, attempts = attempts + ?, replays = replays + 1,"
                + " updated_at = ? WHERE id = ?", DeadLetter.PARKED, cut(cause), attempts, id);
    }

    private void update(String sql, String status, String cause, int attempts, long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, status);
            if (cause != null) {
                ps.setString(i++, cause);
                ps.setInt(i++, attempts);
            }
            Jdbc.setInstant(ps, i++, clock.instant());
            ps.setLong(i, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not update dead letter " + id + ": " + e.getMessage(), e);
        }
    }

    public Optional<DeadLetter> get(long id) {
        List<DeadLetter> l = query("SELECT " + COLUMNS + " FROM export_dead_letter WHERE id = ?", ps -> ps.setLong(1, id));
        return l.stream().findFirst();
    }

    /** Parked entries, oldest first (the order in which they must be sent again); target null: all targets. */
    public List<DeadLetter> parked(String target) {
        return query("SELECT " + COLUMNS + " FROM export_dead_letter WHERE status = 'PARKED'"
                + (target == null ? "" : " AND target = ?") + " ORDER BY id", ps -> {
                    if (target != null) {
                        ps.setString(1, target);
                    }
                });
    }

    /** How many entries are parked (all targets). */
    public int countParked() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM export_dead_letter WHERE status = ?")) {
            ps.setString(1, DeadLetter.PARKED);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not count the export dead letters: " + e.getMessage(), e);
        }
    }

    /** Keys (series ids, dataset names) of a target with parked entries: nothing newer of them may be sent. */
    public Set<String> parkedKeys(String target) {
        Set<String> keys = new LinkedHashSet<>();
        parked(target).forEach(d -> keys.add(d.itemKey()));
        return keys;
    }

    /** The newest entries, parked or replayed. */
    public List<DeadLetter> recent(int limit) {
        return query("SELECT " + COLUMNS + " FROM export_dead_letter ORDER BY id DESC FETCH FIRST ? ROWS ONLY",
                ps -> ps.setInt(1, limit));
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<DeadLetter> query(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<DeadLetter> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new DeadLetter(rs.getLong("id"), rs.getString("target"), rs.getString("item_key"),
                            rs.getString("payload"), rs.getInt("item_count"), rs.getString("cause"),
                            rs.getInt("attempts"), rs.getString("status"), rs.getInt("replays"),
                            Jdbc.getInstant(rs, "created_at"), Jdbc.getInstant(rs, "updated_at")));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read the export dead letters: " + e.getMessage(), e);
        }
    }

    private static String cut(String s) {
        return s == null ? "" : s.length() > 3990 ? s.substring(0, 3990) + " …" : s;
    }
}
