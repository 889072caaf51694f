package de.stadtwerk.hub.store;

import de.stadtwerk.hub.store.internal.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code series} table: one row per series, inserted when its first value arrives, in the writer's
 * transaction. Series already known to this instance are skipped without a round trip.
 */
public class SeriesRegistry {

    /** What the series table records of a series. */
    public record SeriesKey(String id, String assetId, String quantity, String unit) {
    }

    private final SqlDialect dialect;
    private final Clock clock;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public SeriesRegistry(SqlDialect dialect, Clock clock) {
        this.dialect = dialect;
        this.clock = clock;
    }

    public boolean isKnown(String seriesId) {
        return known.contains(seriesId);
    }

    /**
     * Inserts the series that are not known yet, on the caller's connection. Returns their ids; call
     * {@link #confirm} with them after the commit.
     */
    public List<String> register(Connection c, Collection<SeriesKey> keys) throws SQLException {
        Map<String, SeriesKey> missing = new LinkedHashMap<>();
        for (SeriesKey k : keys) {
            if (!known.contains(k.id())) {
                missing.putIfAbsent(k.id(), k);
            }
        }
        if (missing.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        try (PreparedStatement ps = c.prepareStatement(dialect.insertSeriesIfAbsent())) {
            for (SeriesKey k : missing.values()) {
                ps.setString(1, k.id());
                ps.setString(2, k.assetId());
                ps.setString(3, k.quantity());
                ps.setString(4, k.unit());
                ps.setString(5, SeriesIds.qualifierOf(k.id(), k.assetId(), k.quantity()));
                Jdbc.setInstant(ps, 6, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return new ArrayList<>(missing.keySet());
    }

    /** Marks series as known once the transaction that inserted them has committed. */
    public void confirm(Collection<String> ids) {
        known.addAll(ids);
    }
}
