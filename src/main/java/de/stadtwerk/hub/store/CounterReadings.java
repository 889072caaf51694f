package de.stadtwerk.hub.store;

import de.stadtwerk.hub.store.internal.Jdbc;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The stored readings (instants: start = end) around a batch's readings of counter series, for the counter check:
 * per series the latest reading before the span, every reading in it and the first after it (the rows just before and
 * after count only when they are instants: in a series that mixes intervals and readings, a reading next to an
 * interval has no neighbour). On PostgreSQL one
 * statement for all series of the batch (a LATERAL join over arrays, three index range scans per series); on H2
 * (embedded, no round trips) three small statements per series.
 */
final class CounterReadings {

    // The rows just before and after the span are read without the instant condition (end = start), which would make
    // PostgreSQL expect few matches and sort a bitmap scan of the whole series instead of reading one index entry;
    // an interval row there is dropped in Java (no neighbour to compare with).
    private static final String PG = "SELECT k.sid, o.start_ts, o.end_ts, o.val FROM unnest(?::text[], ?::timestamptz[],"
            + " ?::timestamptz[]) AS k(sid, f, t) CROSS JOIN LATERAL ("
            + "(SELECT start_ts, end_ts, val FROM observation WHERE series_id = k.sid AND start_ts < k.f"
            + " ORDER BY start_ts DESC, end_ts DESC LIMIT 1)"
            + " UNION ALL (SELECT start_ts, end_ts, val FROM observation WHERE series_id = k.sid AND start_ts >= k.f"
            + " AND start_ts <= k.t AND end_ts = start_ts)"
            + " UNION ALL (SELECT start_ts, end_ts, val FROM observation WHERE series_id = k.sid AND start_ts > k.t"
            + " ORDER BY start_ts, end_ts LIMIT 1)) o";

    private static final String H2_BEFORE = "SELECT start_ts, end_ts, val FROM observation WHERE series_id = ? AND start_ts < ?"
            + " ORDER BY start_ts DESC, end_ts DESC FETCH FIRST 1 ROWS ONLY";
    private static final String H2_WITHIN = "SELECT start_ts, end_ts, val FROM observation WHERE series_id = ?"
            + " AND start_ts >= ? AND start_ts <= ? AND end_ts = start_ts";
    private static final String H2_AFTER = "SELECT start_ts, end_ts, val FROM observation WHERE series_id = ? AND start_ts > ?"
            + " ORDER BY start_ts, end_ts FETCH FIRST 1 ROWS ONLY";

    private CounterReadings() {
    }

    static Map<String, NavigableMap<Instant, Double>> read(Connection c, SqlDialect dialect, Map<String, ReadingSpan> spans)
            throws SQLException {
        Map<String, NavigableMap<Instant, Double>> result = new HashMap<>();
        if (spans.isEmpty()) {
            return result;
        }
        if (dialect == SqlDialect.POSTGRESQL) {
            String[] ids = new String[spans.size()];
            String[] from = new String[ids.length];
            String[] to = new String[ids.length];
            int i = 0;
            for (Map.Entry<String, ReadingSpan> e : spans.entrySet()) {
                ids[i] = e.getKey();
                from[i] = e.getValue().from().toString();
                to[i++] = e.getValue().to().toString();
            }
            try (PreparedStatement ps = c.prepareStatement(PG)) {
                Array a = c.createArrayOf("text", ids);
                Array f = c.createArrayOf("text", from);
                Array t = c.createArrayOf("text", to);
                ps.setArray(1, a);
                ps.setArray(2, f);
                ps.setArray(3, t);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Instant start = Jdbc.getInstant(rs, "start_ts");
                        if (start.equals(Jdbc.getInstant(rs, "end_ts"))) {
                            result.computeIfAbsent(rs.getString(1), s -> new TreeMap<>()).put(start, rs.getDouble("val"));
                        }
                    }
                }
            }
            return result;
        }
        try (PreparedStatement before = c.prepareStatement(H2_BEFORE); PreparedStatement within = c.prepareStatement(H2_WITHIN);
             PreparedStatement after = c.prepareStatement(H2_AFTER)) {
            for (Map.Entry<String, ReadingSpan> e : spans.entrySet()) {
                NavigableMap<Instant, Double> readings = new TreeMap<>();
                query(before, readings, e.getKey(), e.getValue().from());
                query(within, readings, e.getKey(), e.getValue().from(), e.getValue().to());
                query(after, readings, e.getKey(), e.getValue().to());
                if (!readings.isEmpty()) {
                    result.put(e.getKey(), readings);
                }
            }
        }
        return result;
    }

    private static void query(PreparedStatement ps, NavigableMap<Instant, Double> into, String series, Instant... times)
            throws SQLException {
        ps.setString(1, series);
        for (int i = 0; i < times.length; i++) {
            Jdbc.setInstant(ps, i + 2, times[i]);
        }
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Instant start = Jdbc.getInstant(rs, "start_ts");
                if (start.equals(Jdbc.getInstant(rs, "end_ts"))) {
                    into.put(start, rs.getDouble("val"));
                }
            }
        }
    }
}
