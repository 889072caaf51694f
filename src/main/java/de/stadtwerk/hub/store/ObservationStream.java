package de.stadtwerk.hub.store;

import de.stadtwerk.hub.store.internal.Jdbc;
import de.stadtwerk.hub.store.internal.SqlErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads observations as a stream, row by row, for exports far larger than the heap (a year of 15-minute values of
 * 1,000 series is 35 million rows). Unlike {@link ObservationStore#find}, nothing is collected: every row goes to a
 * {@link RowHandler} as soon as the database hands it over. PostgreSQL sends the rows in chunks of
 * {@link #FETCH_SIZE} through a cursor (which needs a transaction, so auto-commit is off while reading); H2 runs
 * the query per series and spills large results to disk itself.
 */
public class ObservationStream {

    /** Rows per round trip from the database. */
    public static final int FETCH_SIZE = 5_000;

    /**
     * One stored series.
     *
     * @param id       series id
     * @param assetId  asset of the series
     * @param quantity quantity code
     * @param unit     canonical unit
     */
    public record SeriesInfo(String id, String assetId, String quantity, String unit) {
    }

    /** Receives the rows of a stream; may throw an I/O exception of the file it writes to. */
    @FunctionalInterface
    public interface RowHandler {
        /**
         * One observation.
         *
         * @param seriesId series id
         * @param start    start (UTC)
         * @param end      end (UTC; equal to start for an instant)
         * @param value    the value in the series' unit
         * @param quality  quality code (MEASURED, ESTIMATED …)
         */
        void row(String seriesId, Instant start, Instant end, double value, String quality) throws IOException;
    }

    private final DataSource dataSource;

    public ObservationStream(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The stored series of the given assets (empty collection: of every asset) and quantity (null: any), ordered by
     * id.
     */
    public List<SeriesInfo> series(Collection<String> assetIds, String quantity) {
        StringBuilder sql = new StringBuilder("SELECT id, asset_id, quantity, unit FROM series WHERE 1 = 1");
        if (quantity != null) {
            sql.append(" AND quantity = ?");
        }
        if (!assetIds.isEmpty()) {
            sql.append(" AND asset_id IN (").append("?,".repeat(assetIds.size() - 1)).append("?)");
        }
        sql.append(" ORDER BY id");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            if (quantity != null) {
                ps.setString(i++, quantity);
            }
            for (String a : assetIds) {
                ps.setString(i++, a);
            }
            return readSeries(ps);
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not list series: " + SqlErrors.describe(e), e);
        }
    }

    /** The stored series among the given ids, in the order given; unknown ids are left out. */
    public List<SeriesInfo> seriesByIds(List<String> ids) {
        List<SeriesInfo> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, asset_id, quantity, unit FROM series WHERE id = ?")) {
            for (String id : ids) {
                ps.setString(1, id);
                result.addAll(readSeries(ps));
            }
            return result;
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read series: " + SqlErrors.describe(e), e);
        }
    }

    private static List<SeriesInfo> readSeries(PreparedStatement ps) throws SQLException {
        List<SeriesInfo> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(new SeriesInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return result;
    }

    /**
     * Streams the observations of each series with start in [from, to), series after series in the given order,
     * each in time order. Returns the number of rows handed over.
     *
     * @throws UncheckedIOException when the handler throws an I/O exception (the read is abandoned)
     */
    public long stream(List<String> seriesIds, Instant from, Instant to, RowHandler handler) {
        long rows = 0;
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT start_ts, end_ts, val, quality FROM observation"
                    + " WHERE series_id = ? AND start_ts >= ? AND start_ts < ? ORDER BY start_ts, end_ts",
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(FETCH_SIZE);
                for (String id : seriesIds) {
                    ps.setString(1, id);
                    Jdbc.setInstant(ps, 2, from);
                    Jdbc.setInstant(ps, 3, to);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            handler.row(id, Jdbc.getInstant(rs, "start_ts"), Jdbc.getInstant(rs, "end_ts"),
                                    rs.getDouble("val"), rs.getString("quality"));
                            rows++;
                        }
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read observations of " + seriesIds.size() + " series: "
                    + SqlErrors.describe(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
