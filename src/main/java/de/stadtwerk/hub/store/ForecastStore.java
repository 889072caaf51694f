package de.stadtwerk.hub.store;

import de.stadtwerk.hub.model.Forecast;
import de.stadtwerk.hub.store.internal.Jdbc;
import de.stadtwerk.hub.store.internal.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Forecasts, kept per issue: the key is (series, start, end, issuedAt), so every run of a model stays and
 * forecast and outcome can be compared later. Writing the same issue again replaces its values.
 */
public class ForecastStore {

    /** Use as {@code issuedBefore} to read the newest issue. */
    public static final Instant NEWEST = Instant.parse("9999-12-31T00:00:00Z");

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final SeriesRegistry series;
    private final int batchSize;

    public ForecastStore(DataSource dataSource, SqlDialect dialect, SeriesRegistry series, int batchSize) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.series = series;
        this.batchSize = batchSize;
    }

    /** Writes forecasts (series ids set, canonical units) in one transaction. */
    public int write(List<Forecast> forecasts) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<SeriesRegistry.SeriesKey> keys = new ArrayList<>();
                for (Forecast f : forecasts) {
                    if (!series.isKnown(f.seriesId())) {
                        keys.add(new SeriesRegistry.SeriesKey(f.seriesId(), f.assetId(), f.quantity(), f.unit()));
                    }
                }
                List<String> newSeries = series.register(c, keys);
                try (PreparedStatement ps = c.prepareStatement(dialect.upsertForecast())) {
                    int pending = 0;
                    for (Forecast f : forecasts) {
                        ps.setString(1, f.seriesId());
                        Jdbc.setInstant(ps, 2, f.start());
                        Jdbc.setInstant(ps, 3, f.end());
                        Jdbc.setInstant(ps, 4, f.issuedAt());
                        ps.setDouble(5, f.value());
                        ps.setString(6, f.model());
                        ps.setString(7, f.source());
                        ps.addBatch();
                        if (++pending == batchSize) {
                            ps.executeBatch();
                            pending = 0;
                        }
                    }
                    if (pending > 0) {
                        ps.executeBatch();
                    }
                }
                c.commit();
                series.confirm(newSeries);
                return forecasts.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the store could not take " + forecasts.size() + " forecast(s): "
                    + SqlErrors.describe(e), e);
        }
    }

    /**
     * The latest issued forecast for each interval of a series with start in [from, to), issued at or before
     * {@code issuedBefore} ({@link #NEWEST} for the newest), in time order.
     */
    public List<Forecast> latest(String seriesId, Instant from, Instant to, Instant issuedBefore) {
        String sql = "SELECT f.series_id, s.asset_id, s.quantity, s.unit, f.start_ts, f.end_ts, f.issued_at, f.val, f.model,"
                + " f.source FROM forecast f JOIN series s ON s.id = f.series_id"
                + " WHERE f.series_id = ? AND f.start_ts >= ? AND f.start_ts < ? AND f.issued_at = ("
                + "SELECT MAX(g.issued_at) FROM forecast g WHERE g.series_id = f.series_id AND g.start_ts = f.start_ts"
                + " AND g.end_ts = f.end_ts AND g.issued_at <= ?) ORDER BY f.start_ts";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, seriesId);
            Jdbc.setInstant(ps, 2, from);
            Jdbc.setInstant(ps, 3, to);
            Jdbc.setInstant(ps, 4, issuedBefore);
            List<Forecast> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Forecast(rs.getString("series_id"), rs.getString("asset_id"), rs.getString("quantity"),
                            rs.getDouble("val"), rs.getString("unit"), Jdbc.getInstant(rs, "start_ts"),
                            Jdbc.getInstant(rs, "end_ts"), Jdbc.getInstant(rs, "issued_at"), rs.getString("model"),
                            rs.getString("source")));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read forecasts of " + seriesId + ": " + SqlErrors.describe(e), e);
        }
    }

    /** The newest issue time of a series, or empty when the series has no forecast. */
    public Optional<Instant> newestIssue(String seriesId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT MAX(issued_at) AS newest FROM forecast WHERE series_id = ?")) {
            ps.setString(1, seriesId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(Jdbc.getInstant(rs, "newest")) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read forecasts of " + seriesId + ": " + SqlErrors.describe(e), e);
        }
    }

    /** Every value of one issue of a series, in time order. */
    public List<Forecast> issue(String seriesId, Instant issuedAt) {
        String sql = "SELECT f.series_id, s.asset_id, s.quantity, s.unit, f.start_ts, f.end_ts, f.issued_at, f.val, f.model,"
                + " f.source FROM forecast f JOIN series s ON s.id = f.series_id"
                + " WHERE f.series_id = ? AND f.issued_at = ? ORDER BY f.start_ts";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, seriesId);
            Jdbc.setInstant(ps, 2, issuedAt);
            return read(ps);
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read forecasts of " + seriesId + ": " + SqlErrors.describe(e), e);
        }
    }

    private static List<Forecast> read(PreparedStatement ps) throws SQLException {
        List<Forecast> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(new Forecast(rs.getString("series_id"), rs.getString("asset_id"), rs.getString("quantity"),
                        rs.getDouble("val"), rs.getString("unit"), Jdbc.getInstant(rs, "start_ts"),
                        Jdbc.getInstant(rs, "end_ts"), Jdbc.getInstant(rs, "issued_at"), rs.getString("model"),
                        rs.getString("source")));
            }
        }
        return result;
    }
}
