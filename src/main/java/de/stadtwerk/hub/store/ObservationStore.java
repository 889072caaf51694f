package de.stadtwerk.hub.store;

import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.quarantine.QuarantinedItem;
import de.stadtwerk.hub.quarantine.Rejection;
import de.stadtwerk.hub.store.internal.Jdbc;
import de.stadtwerk.hub.store.internal.PgArrayUpsert;
import de.stadtwerk.hub.store.internal.PgCopyUpsert;
import de.stadtwerk.hub.store.internal.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The observation store: batched, idempotent writes and the queries on top of them.
 *
 * <p>A write upserts on (series, start, end): a repeated value changes nothing, a changed value replaces the old
 * one and the database keeps the old one in {@code observation_history} (a trigger). Observations and the
 * rejections of the same batch are committed in one transaction. When the database refuses a row for a data
 * reason (SQLSTATE 22/23), the batch is written again row by row behind savepoints, so the good rows are stored
 * and only the bad one goes to the quarantine. Any other database error is a {@link StoreUnavailableException}
 * and nothing is committed.
 */
public class ObservationStore {

    private static final String SELECT_OBSERVATIONS = "SELECT o.series_id, s.asset_id, s.quantity, s.unit, o.start_ts,"
            + " o.end_ts, o.val, o.quality, o.source, o.received_at FROM observation o JOIN series s ON s.id = o.series_id"
            + " WHERE o.series_id = ? AND o.start_ts >= ? AND o.start_ts < ? ORDER BY o.start_ts, o.end_ts";

    /**
     * From this many rows on, PostgreSQL writes go through COPY into a staging table (see PgCopyUpsert); smaller
     * batches go as arrays in one statement (PgArrayUpsert).
     */
    static final int COPY_THRESHOLD = 2000;

    /**
     * The row-wise PostgreSQL upsert, for a batch the array statement cannot take (a missing timestamp; the database
     * then names the refused row), as {@code INSERT … SELECT ?, …} instead of
     * {@code VALUES}: the driver then does not rewrite the batch into multi-row INSERTs (it would report no row
     * counts), so the rows the upsert found unchanged can be counted. The batch still goes in one round trip.
     */
    private static final String PG_COUNTED_UPSERT = SqlDialect.POSTGRESQL.upsertObservation()
            .replace(" VALUES (?, ?, ?, ?, ?, ?, ?)", " SELECT ?, ?, ?, ?, ?, ?, ?");

    /** The PostgreSQL upsert of a whole batch in one statement, the rows as arrays (PgArrayUpsert). */
    private static final String PG_ARRAY_UPSERT = SqlDialect.POSTGRESQL.upsertObservation()
            .replace(" VALUES (?, ?, ?, ?, ?, ?, ?)", PgArrayUpsert.SELECT_ROWS);

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final QuarantineStore quarantine;
    private final Clock clock;
    private final int batchSize;
    private final SeriesRegistry series;

    public ObservationStore(DataSource dataSource, SqlDialect dialect, QuarantineStore quarantine, Clock clock, int batchSize) {
        this(dataSource, dialect, new SeriesRegistry(dialect, clock), quarantine, clock, batchSize);
    }

    public ObservationStore(DataSource dataSource, SqlDialect dialect, SeriesRegistry series, QuarantineStore quarantine,
                            Clock clock, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("hub.ingest.batch-size must be at least 1, was " + batchSize);
        }
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.quarantine = quarantine;
        this.clock = clock;
        this.batchSize = batchSize;
        this.series = series;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /**
     * Opens a {@link BulkWrite}: one connection and one transaction for many batches, committed once by the
     * caller (a whole file that must be stored completely or not at all).
     */
    public BulkWrite beginBulk() {
        try {
            return new BulkWrite(this, dataSource.getConnection(), quarantine);
        } catch (SQLException e) {
            throw new StoreUnavailableException("the store could not open a connection: " + SqlErrors.describe(e), e);
        }
    }

    /**
     * Stored readings of counter series around the given spans (see {@link CounterReadings}), in one query on
     * PostgreSQL: the counter check's view of the store.
     */
    public java.util.Map<String, java.util.NavigableMap<Instant, Double>> counterReadings(
            java.util.Map<String, ReadingSpan> spans) {
        try (Connection c = dataSource.getConnection()) {
            return CounterReadings.read(c, dialect, spans);
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read the previous readings of " + spans.size()
                    + " counter series: " + SqlErrors.describe(e), e);
        }
    }

    SeriesRegistry seriesRegistry() {
        return series;
    }

    /** Writes canonical observations (series ids set) and quarantines the rejections, in one transaction. */
    public WriteResult write(List<Observation> observations, List<Rejection> rejections) {
        return write(observations, rejections, null, null);
    }

    /**
     * Writes observations and rejections in one transaction.
     *
     * @param replayOf        the quarantine id this input was replayed from, or null; on success the item is
     *                        marked REPLAYED, on a new rejection its reason and attempt count are updated
     * @param rowRejection    turns an observation the database refused into a rejection (payload, source…);
     *                        null for a default JSON-less description
     */
    public WriteResult write(List<Observation> input, List<Rejection> rejections, Long replayOf,
                             Function<Observation, Rejection> rowRejection) {
        List<Observation> observations = lastPerKey(input);
        List<Rejection> allRejections = new ArrayList<>(rejections);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<String> newSeries;
                int[] affected = {0};
                try {
                    newSeries = registerSeries(c, observations);
                    affected[0] = upsertBatched(c, observations);
                } catch (SQLException e) {
                    if (!SqlErrors.isDataError(e)) {
                        throw e;
                    }
                    c.rollback();
                    newSeries = new ArrayList<>();
                    List<Rejection> refused = upsertRowByRow(c, observations, rowRejection, newSeries, affected);
                    allRejections.addAll(refused);
                    affected[0] += refused.size(); // refused rows are not "unchanged"
                }
                finishQuarantine(c, allRejections, replayOf);
                c.commit();
                series.confirm(newSeries);
                int repeatsInInput = input.size() - observations.size();
                int unchanged = repeatsInInput + (affected[0] < 0 ? 0 : Math.max(0, observations.size() - affected[0]));
                return new WriteResult(input.size() - (allRejections.size() - rejections.size()), allRejections.size(),
                        unchanged);
            } catch (SQLException | RuntimeException e) {
                safeRollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the store could not take " + observations.size()
                    + " observation(s): " + SqlErrors.describe(e), e);
        }
    }

    /**
     * The list without earlier duplicates of a key (series, start, end): the last one wins, as it would if the
     * values had come one after the other. One upsert statement must not touch a row twice.
     */
    static List<Observation> lastPerKey(List<Observation> observations) {
        java.util.Map<ObservationKey, Integer> last = new java.util.HashMap<>(observations.size() * 2);
        for (int i = 0; i < observations.size(); i++) {
            Observation o = observations.get(i);
            last.put(new ObservationKey(o.seriesId(), o.start(), o.end()), i);
        }
        if (last.size() == observations.size()) {
            return observations;
        }
        List<Observation> unique = new ArrayList<>(last.size());
        for (int i = 0; i < observations.size(); i++) {
            Observation o = observations.get(i);
            if (last.get(new ObservationKey(o.seriesId(), o.start(), o.end())) == i) {
                unique.add(o);
            }
        }
        return unique;
    }

    private record ObservationKey(String seriesId, Instant start, Instant end) {
    }

    private void finishQuarantine(Connection c, List<Rejection> rejections, Long replayOf) throws SQLException {
        if (replayOf == null) {
            quarantine.add(c, rejections);
            return;
        }
        if (rejections.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE quarantine SET status = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, QuarantinedItem.REPLAYED);
                Jdbc.setInstant(ps, 2, clock.instant());
                ps.setLong(3, replayOf);
                ps.executeUpdate();
            }
        } else {
            quarantine.recordFailedReplay(c, replayOf, rejections.get(0).reason()
                    + (rejections.size() > 1 ? " (and " + (rejections.size() - 1) + " more)" : ""));
        }
    }

    List<String> registerSeries(Connection c, List<Observation> observations) throws SQLException {
        List<SeriesRegistry.SeriesKey> keys = new ArrayList<>();
        String last = null;
        for (Observation o : observations) {
            if (!o.seriesId().equals(last) && !series.isKnown(o.seriesId())) {
                keys.add(new SeriesRegistry.SeriesKey(o.seriesId(), o.assetId(), o.quantity(), o.unit()));
            }
            last = o.seriesId();
        }
        return series.register(c, keys);
    }

    /** Rows inserted or changed, as the database reports them; -1 when it does not tell. */
    int upsertBatched(Connection c, List<Observation> observations) throws SQLException {
        if (dialect == SqlDialect.POSTGRESQL && observations.size() >= COPY_THRESHOLD) {
            return PgCopyUpsert.upsert(c, observations);
        }
        if (dialect == SqlDialect.POSTGRESQL && !observations.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(PG_ARRAY_UPSERT)) {
                if (PgArrayUpsert.bind(c, ps, observations)) {
                    return ps.executeUpdate();
                }
            }
        }
        String sql = dialect == SqlDialect.POSTGRESQL ? PG_COUNTED_UPSERT : dialect.upsertObservation();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int pending = 0;
            int affected = 0;
            for (Observation o : observations) {
                bind(ps, o);
                ps.addBatch();
                if (++pending == batchSize) {
                    affected = addCounts(affected, ps.executeBatch());
                    pending = 0;
                }
            }
            if (pending > 0) {
                affected = addCounts(affected, ps.executeBatch());
            }
            return affected;
        }
    }

    /** Adds a batch's update counts; -1 once any count is unknown (SUCCESS_NO_INFO of a rewritten batch). */
    private static int addCounts(int sum, int[] counts) {
        if (sum < 0) {
            return sum;
        }
        for (int n : counts) {
            if (n < 0) {
                return -1;
            }
            sum += n;
        }
        return sum;
    }

    private List<Rejection> upsertRowByRow(Connection c, List<Observation> observations,
                                           Function<Observation, Rejection> rowRejection, List<String> newSeries,
                                           int[] affected)
            throws SQLException {
        affected[0] = 0;
        List<Rejection> refused = new ArrayList<>();
        Set<String> registered = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(dialect.upsertObservation())) {
            for (Observation o : observations) {
                Savepoint sp = c.setSavepoint();
                boolean registeredHere = false;
                try {
                    if (!series.isKnown(o.seriesId()) && !registered.contains(o.seriesId())) {
                        registerSeries(c, List.of(o));
                        registered.add(o.seriesId());
                        registeredHere = true;
                    }
                    bind(ps, o);
                    affected[0] += ps.executeUpdate();
                    c.releaseSavepoint(sp);
                } catch (SQLException e) {
                    if (!SqlErrors.isDataError(e)) {
                        throw e;
                    }
                    c.rollback(sp);
                    if (registeredHere) {
                        registered.remove(o.seriesId());
                    }
                    String reason = "the database refused the value of series " + o.seriesId() + " at " + o.start()
                            + ": " + SqlErrors.describe(e);
                    refused.add(rowRejection != null ? withReason(rowRejection.apply(o), reason)
                            : new Rejection(o.toString(), reason, o.source(), null, null));
                }
            }
        }
        newSeries.addAll(registered);
        return refused;
    }

    private static Rejection withReason(Rejection r, String reason) {
        return new Rejection(r.payload(), reason, r.source(), r.routeId(), r.replayEndpoint());
    }

    private static void bind(PreparedStatement ps, Observation o) throws SQLException {
        ps.setString(1, o.seriesId());
        Jdbc.setInstant(ps, 2, o.start());
        Jdbc.setInstant(ps, 3, o.end());
        ps.setDouble(4, o.value());
        ps.setString(5, o.quality().name());
        ps.setString(6, o.source());
        Jdbc.setInstant(ps, 7, o.receivedAt());
    }

    private static void safeRollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }

    /** A series' observations with start in [from, to), in time order. */
    public List<Observation> find(String seriesId, Instant from, Instant to) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT_OBSERVATIONS)) {
            ps.setString(1, seriesId);
            Jdbc.setInstant(ps, 2, from);
            Jdbc.setInstant(ps, 3, to);
            List<Observation> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Observation(rs.getString("series_id"), rs.getString("asset_id"),
                            rs.getString("quantity"), rs.getDouble("val"), rs.getString("unit"),
                            Jdbc.getInstant(rs, "start_ts"), Jdbc.getInstant(rs, "end_ts"),
                            Quality.valueOf(rs.getString("quality")), rs.getString("source"),
                            Jdbc.getInstant(rs, "received_at")));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read series " + seriesId + ": " + SqlErrors.describe(e), e);
        }
    }

    /**
     * Aggregates a series' observations with start in [from, to) into buckets, in SQL. 15-minute and hourly
     * buckets are aligned to UTC (the same as local time in zones with whole-hour offsets such as Europe/Berlin);
     * daily buckets are the local days of {@code zone}, so a DST day has 23 or 25 hours.
     */
    public List<AggregatePoint> aggregate(String seriesId, Instant from, Instant to, Resolution resolution,
                                          Aggregation aggregation, ZoneId zone) {
        return aggregate(seriesId, from, to, resolution, aggregation, zone, "");
    }

    /**
     * Like {@link #aggregate}, but only of values a forecast may learn from: without {@link Quality#INVALID} (e.g.
     * OPC UA Bad) and {@link Quality#SUSPECT} (e.g. OPC UA Uncertain, implausible by the source's status). The input
     * of forecast calibration.
     */
    public List<AggregatePoint> aggregateForecastInput(String seriesId, Instant from, Instant to, Resolution resolution,
                                                       Aggregation aggregation, ZoneId zone) {
        return aggregate(seriesId, from, to, resolution, aggregation, zone,
                " AND quality <> '" + Quality.INVALID.name() + "' AND quality <> '" + Quality.SUSPECT.name() + "'");
    }

    private List<AggregatePoint> aggregate(String seriesId, Instant from, Instant to, Resolution resolution,
                                           Aggregation aggregation, ZoneId zone, String condition) {
        String fn = aggregation.sql();
        String sql;
        if (resolution == Resolution.DAY) {
            // The zone id is validated by ZoneId and written as a literal: both databases accept it there.
            String zoneLiteral = "'" + zone.getId().replace("'", "") + "'";
            String day = dialect.localDay("start_ts", zoneLiteral);
            sql = "SELECT " + day + " AS bucket, " + fn + "(val) AS agg, COUNT(*) AS n FROM observation"
                    + " WHERE series_id = ? AND start_ts >= ? AND start_ts < ?" + condition + " GROUP BY " + day
                    + " ORDER BY bucket";
        } else {
            int s = resolution.seconds();
            String bucket = "CAST(FLOOR(EXTRACT(EPOCH FROM start_ts) / " + s + ") AS BIGINT)";
            sql = "SELECT " + bucket + " AS bucket, " + fn + "(val) AS agg, COUNT(*) AS n FROM observation"
                    + " WHERE series_id = ? AND start_ts >= ? AND start_ts < ?" + condition + " GROUP BY " + bucket
                    + " ORDER BY bucket";
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, seriesId);
            Jdbc.setInstant(ps, 2, from);
            Jdbc.setInstant(ps, 3, to);
            List<AggregatePoint> points = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant start;
                    Instant end;
                    if (resolution == Resolution.DAY) {
                        LocalDate day = LocalDate.parse(rs.getString("bucket"));
                        start = day.atStartOfDay(zone).toInstant();
                        end = day.plusDays(1).atStartOfDay(zone).toInstant();
                    } else {
                        start = Instant.ofEpochSecond(rs.getLong("bucket") * resolution.seconds());
                        end = start.plusSeconds(resolution.seconds());
                    }
                    points.add(new AggregatePoint(start, end, rs.getDouble("agg"), rs.getLong("n")));
                }
            }
            return points;
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not aggregate series " + seriesId + ": " + SqlErrors.describe(e), e);
        }
    }

    /** Corrections of a series with start in [from, to), oldest first. */
    public List<HistoryEntry> history(String seriesId, Instant from, Instant to) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT series_id, start_ts, end_ts, old_value, old_quality, old_source, new_value, new_quality, changed_at"
                        + " FROM observation_history WHERE series_id = ? AND start_ts >= ? AND start_ts < ? ORDER BY id")) {
            ps.setString(1, seriesId);
            Jdbc.setInstant(ps, 2, from);
            Jdbc.setInstant(ps, 3, to);
            List<HistoryEntry> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new HistoryEntry(rs.getString("series_id"), Jdbc.getInstant(rs, "start_ts"),
                            Jdbc.getInstant(rs, "end_ts"), rs.getDouble("old_value"), rs.getString("old_quality"),
                            rs.getString("old_source"), rs.getDouble("new_value"), rs.getString("new_quality"),
                            Jdbc.getInstant(rs, "changed_at")));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read the history of " + seriesId + ": " + SqlErrors.describe(e), e);
        }
    }

    /** Number of stored observations, of one series or (seriesId null) of all. */
    public long count(String seriesId) {
        String sql = "SELECT COUNT(*) FROM observation" + (seriesId == null ? "" : " WHERE series_id = ?");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (seriesId != null) {
                ps.setString(1, seriesId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not count observations: " + SqlErrors.describe(e), e);
        }
    }
}
