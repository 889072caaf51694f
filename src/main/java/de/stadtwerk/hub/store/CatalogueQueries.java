package de.stadtwerk.hub.store;

import de.stadtwerk.hub.store.internal.Jdbc;
import de.stadtwerk.hub.store.internal.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Read queries for publication: the series catalogue with filters and keyset pagination (ordered by id, the
 * page starts after a given id), one series by id, and a series' raw values with a cap on their number. All
 * parameters are bound; nothing a caller sends becomes SQL text.
 */
public class CatalogueQueries {

    private final DataSource dataSource;

    public CatalogueQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Series ordered by id, after {@code afterId} (null: from the start), optionally of one asset and/or one
     * quantity, at most {@code limit} rows.
     */
    public List<SeriesInfo> series(String afterId, String assetId, String quantity, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, asset_id, quantity, unit, qualifier FROM series WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        if (afterId != null) {
            sql.append(" AND id > ?");
            args.add(afterId);
        }
        if (assetId != null) {
            sql.append(" AND asset_id = ?");
            args.add(assetId);
        }
        if (quantity != null) {
            sql.append(" AND quantity = ?");
            args.add(quantity);
        }
        sql.append(" ORDER BY id FETCH FIRST ? ROWS ONLY");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (String a : args) {
                ps.setString(i++, a);
            }
            ps.setInt(i, limit);
            List<SeriesInfo> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(row(rs));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not list series: " + SqlErrors.describe(e), e);
        }
    }

    /** One series by id. */
    public Optional<SeriesInfo> series(String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, asset_id, quantity, unit, qualifier FROM series WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read series " + id + ": " + SqlErrors.describe(e), e);
        }
    }

    /**
     * The values of a series with start in [from, to), in time order, at most {@code limit} of them: a result of
     * {@code limit} rows means "there may be more" (callers ask for one more than they serve).
     */
    public List<StoredValue> values(String seriesId, Instant from, Instant to, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT start_ts, end_ts, val, quality FROM observation WHERE series_id = ? AND start_ts >= ?"
                        + " AND start_ts < ? ORDER BY start_ts, end_ts FETCH FIRST ? ROWS ONLY")) {
            ps.setString(1, seriesId);
            Jdbc.setInstant(ps, 2, from);
            Jdbc.setInstant(ps, 3, to);
            ps.setInt(4, limit);
            List<StoredValue> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // by index: this loop runs for every value of every API response
                    Instant start = rs.getObject(1, OffsetDateTime.class).toInstant();
                    OffsetDateTime end = rs.getObject(2, OffsetDateTime.class);
                    result.add(new StoredValue(start, end.toInstant(), rs.getDouble(3), rs.getString(4)));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read series " + seriesId + ": " + SqlErrors.describe(e), e);
        }
    }

    private static SeriesInfo row(ResultSet rs) throws SQLException {
        return new SeriesInfo(rs.getString("id"), rs.getString("asset_id"), rs.getString("quantity"),
                rs.getString("unit"), rs.getString("qualifier"));
    }
}
