package de.stadtwerk.hub.store.internal;

import de.stadtwerk.hub.model.Observation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The PostgreSQL upsert of a batch in one statement: the rows travel as seven arrays ({@code unnest(?, …)}), so
 * PostgreSQL plans and runs one {@code INSERT … SELECT … ON CONFLICT} for the batch instead of one per row, and the
 * driver formats no timestamp (they go as microseconds since 1970 in a binary {@code int8[]}). For the batch sizes of
 * MQTT and the other sources (up to a few thousand rows) it costs PostgreSQL about a third less CPU per row than a
 * JDBC batch and needs one round trip instead of the staging table's five (measured with a JDBC loop against
 * the machine's PostgreSQL, figures in docs/decisions.md "PostgreSQL batches below 2,000 rows"; its effect on the
 * whole ingest in docs/benchmarks.md, "Fourth session"). Same semantics as the row-wise upsert, whose
 * {@code ON CONFLICT} clause it shares.
 */
public final class PgArrayUpsert {

    /** The rows as a SELECT over the arrays; replaces the row-wise upsert's {@code VALUES (?, …)}. */
    public static final String SELECT_ROWS = " SELECT series_id, " + at("start_us") + ", " + at("end_us")
            + ", val, quality, source, " + at("received_us") + " FROM unnest(?::varchar[], ?::int8[], ?::int8[],"
            + " ?::float8[], ?::varchar[], ?::varchar[], ?::int8[])"
            + " AS r(series_id, start_us, end_us, val, quality, source, received_us)";

    private PgArrayUpsert() {
    }

    /** Microseconds since 1970 as a timestamptz, exact (a double holds them up to the year 2255). */
    private static String at(String micros) {
        return "timestamptz 'epoch' + " + micros + " * interval '1 microsecond'";
    }

    /**
     * Binds the observations to a statement prepared from an upsert with {@link #SELECT_ROWS}.
     *
     * @return false when a timestamp is missing (an array of microseconds cannot say null; the caller takes the
     *         row-wise path, where the database names the refused row)
     */
    public static boolean bind(Connection c, PreparedStatement ps, List<Observation> observations) throws SQLException {
        int n = observations.size();
        String[] series = new String[n];
        long[] start = new long[n];
        long[] end = new long[n];
        double[] value = new double[n];
        String[] quality = new String[n];
        String[] source = new String[n];
        long[] received = new long[n];
        for (int i = 0; i < n; i++) {
            Observation o = observations.get(i);
            if (o.start() == null || o.end() == null || o.receivedAt() == null || o.quality() == null) {
                return false;
            }
            series[i] = o.seriesId();
            start[i] = micros(o.start());
            end[i] = micros(o.end());
            value[i] = o.value();
            quality[i] = o.quality().name();
            source[i] = o.source();
            received[i] = micros(o.receivedAt());
        }
        ps.setArray(1, c.createArrayOf("varchar", series));
        ps.setObject(2, start);
        ps.setObject(3, end);
        ps.setObject(4, value);
        ps.setArray(5, c.createArrayOf("varchar", quality));
        ps.setArray(6, c.createArrayOf("varchar", source));
        ps.setObject(7, received);
        return true;
    }

    /** Microseconds since 1970, rounded as the COPY path rounds ({@link PgCopyUpsert}). */
    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), (t.getNano() + 500) / 1000);
    }
}
