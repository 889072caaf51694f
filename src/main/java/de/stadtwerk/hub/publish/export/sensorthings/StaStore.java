package de.stadtwerk.hub.publish.export.sensorthings;

import de.stadtwerk.hub.publish.export.DeadLetterStore;
import de.stadtwerk.hub.store.SeriesInfo;
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
 * What the SensorThings push keeps in the hub's database: which server entity each hub object became
 * ({@code sta_entity}), how far each series has been handed over ({@code sta_watermark}), and the observations
 * after that point (read from {@code observation}).
 */
public class StaStore {

    /** How far a series has been handed over: its newest observation pushed or parked. */
    public record Watermark(Instant start, Instant end) {
    }

    private final DataSource dataSource;
    private final DeadLetterStore deadLetters;
    private final Clock clock;

    public StaStore(DataSource dataSource, DeadLetterStore deadLetters, Clock clock) {
        this.dataSource = dataSource;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /** The server id remembered for a hub object, e.g. ("DATASTREAM", series id). */
    public Optional<String> entity(String kind, String hubId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT sta_id FROM sta_entity WHERE kind = ? AND hub_id = ?")) {
            ps.setString(1, kind);
            ps.setString(2, hubId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read the SensorThings mapping: " + e.getMessage(), e);
        }
    }

    /** Remembers a server id (replacing an older one of the same hub object). */
    public void rememberEntity(String kind, String hubId, String staId) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM sta_entity WHERE kind = ? AND hub_id = ?");
                 PreparedStatement ins = c.prepareStatement(
                         "INSERT INTO sta_entity (kind, hub_id, sta_id, created_at) VALUES (?, ?, ?, ?)")) {
                del.setString(1, kind);
                del.setString(2, hubId);
                del.executeUpdate();
                ins.setString(1, kind);
                ins.setString(2, hubId);
                ins.setString(3, staId);
                Jdbc.setInstant(ins, 4, clock.instant());
                ins.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not store the SensorThings mapping: " + e.getMessage(), e);
        }
    }

    public Optional<Watermark> watermark(String seriesId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT last_start, last_end FROM sta_watermark WHERE series_id = ?")) {
            ps.setString(1, seriesId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Watermark(Jdbc.getInstant(rs, "last_start"),
                        Jdbc.getInstant(rs, "last_end"))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read the SensorThings watermark: " + e.getMessage(), e);
        }
    }

    /**
     * Observations of a series after its watermark (or from {@code startWithout} when it has none), oldest first,
     * at most {@code limit}.
     */
    public List<StaObservation> pending(String seriesId, Optional<Watermark> watermark, Instant startWithout, int limit) {
        String sql = "SELECT start_ts, end_ts, val, quality FROM observation WHERE series_id = ? AND "
                + (watermark.isPresent() ? "(start_ts > ? OR (start_ts = ? AND end_ts > ?))" : "start_ts >= ?")
                + " ORDER BY start_ts, end_ts FETCH FIRST ? ROWS ONLY";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, seriesId);
            if (watermark.isPresent()) {
                Jdbc.setInstant(ps, i++, watermark.get().start());
                Jdbc.setInstant(ps, i++, watermark.get().start());
                Jdbc.setInstant(ps, i++, watermark.get().end());
            } else {
                Jdbc.setInstant(ps, i++, startWithout);
            }
            ps.setInt(i, limit);
            List<StaObservation> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new StaObservation(Jdbc.getInstant(rs, "start_ts"), Jdbc.getInstant(rs, "end_ts"),
                            rs.getDouble("val"), rs.getString("quality")));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read observations of " + seriesId + ": " + e.getMessage(), e);
        }
    }

    /** The series of the store, ordered by id. */
    public List<SeriesInfo> series() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, asset_id, quantity, unit, qualifier FROM series ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            List<SeriesInfo> result = new ArrayList<>();
            while (rs.next()) {
                result.add(new SeriesInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)));
            }
            return result;
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not list series: " + e.getMessage(), e);
        }
    }

    /** The batch was taken by the server: the watermark moves to its last observation. */
    public void pushed(StaBatch batch) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                advance(c, batch, batch.observations().size());
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not store the SensorThings watermark of " + batch.seriesId()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * The batch was not taken: it is parked in the dead-letter table and the watermark moves past it, in one
     * transaction, so the batch is either parked or still pending — never lost, never both.
     */
    public long parked(StaBatch batch, String target, String cause, int attempts) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long id = deadLetters.park(c, target, batch.seriesId(), batch.toJson(), batch.observations().size(),
                        cause, attempts);
                advance(c, batch, 0);
                c.commit();
                return id;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not park the SensorThings batch of " + batch.seriesId()
                    + ": " + e.getMessage(), e);
        }
    }

    private void advance(Connection c, StaBatch batch, int pushed) throws SQLException {
        StaObservation last = batch.last();
        Instant now = clock.instant();
        try (PreparedStatement up = c.prepareStatement("UPDATE sta_watermark SET last_start = ?, last_end = ?,"
                + " pushed = pushed + ?, updated_at = ? WHERE series_id = ?")) {
            Jdbc.setInstant(up, 1, last.start());
            Jdbc.setInstant(up, 2, last.end());
            up.setLong(3, pushed);
            Jdbc.setInstant(up, 4, now);
            up.setString(5, batch.seriesId());
            if (up.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO sta_watermark (series_id, last_start, last_end,"
                + " pushed, updated_at) VALUES (?, ?, ?, ?, ?)")) {
            ins.setString(1, batch.seriesId());
            Jdbc.setInstant(ins, 2, last.start());
            Jdbc.setInstant(ins, 3, last.end());
            ins.setLong(4, pushed);
            Jdbc.setInstant(ins, 5, now);
            ins.executeUpdate();
        }
    }
}
