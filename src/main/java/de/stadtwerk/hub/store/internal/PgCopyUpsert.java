package de.stadtwerk.hub.store.internal;

import de.stadtwerk.hub.model.Observation;
import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The PostgreSQL fast path of the observation upsert: COPY the batch into a session-local staging table, then
 * one {@code INSERT … SELECT … ON CONFLICT DO UPDATE … WHERE changed}. COPY moves rows at the database's raw speed;
 * the single INSERT does the index work once for the whole batch. Same semantics as the row-wise upsert:
 * unchanged values are not written, changed ones fire the history trigger.
 */
public final class PgCopyUpsert {

    private static final String STAGE = "CREATE TEMP TABLE IF NOT EXISTS observation_stage (series_id VARCHAR(200) COLLATE \"C\","
            + " start_ts TIMESTAMPTZ, end_ts TIMESTAMPTZ, val DOUBLE PRECISION, quality VARCHAR(16), source VARCHAR(200),"
            + " received_at TIMESTAMPTZ) ON COMMIT DELETE ROWS";
    private static final String COPY = "COPY observation_stage (series_id, start_ts, end_ts, val, quality, source,"
            + " received_at) FROM STDIN";
    private static final String MERGE = "INSERT INTO observation AS o (series_id, start_ts, end_ts, val, quality, source,"
            + " received_at) SELECT series_id, start_ts, end_ts, val, quality, source, received_at FROM observation_stage"
            + " ON CONFLICT (series_id, start_ts, end_ts) DO UPDATE SET val = EXCLUDED.val, quality = EXCLUDED.quality,"
            + " source = EXCLUDED.source, received_at = EXCLUDED.received_at"
            + " WHERE o.val IS DISTINCT FROM EXCLUDED.val OR o.quality IS DISTINCT FROM EXCLUDED.quality";

    private PgCopyUpsert() {
    }

    /**
     * Upserts the observations (unique keys within the list) on the caller's connection and transaction.
     *
     * @return rows inserted or changed (the others were already stored unchanged)
     */
    public static int upsert(Connection c, List<Observation> observations) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(STAGE);
            st.execute("TRUNCATE observation_stage");
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        try {
            copy.copyIn(COPY, new RowReader(observations));
        } catch (IOException e) {
            throw new SQLException("COPY into the staging table failed: " + e.getMessage(), "08000", e);
        }
        try (Statement st = c.createStatement()) {
            return st.executeUpdate(MERGE);
        }
    }

    /** Streams the rows in COPY text format without building the whole batch as one string. */
    private static final class RowReader extends Reader {
        private final List<Observation> rows;
        private int next;
        private final StringBuilder line = new StringBuilder(160);
        private int pos;

        RowReader(List<Observation> rows) {
            this.rows = rows;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (pos >= line.length()) {
                if (next >= rows.size()) {
                    return -1;
                }
                line.setLength(0);
                pos = 0;
                int until = Math.min(rows.size(), next + 64);
                while (next < until) {
                    format(rows.get(next++), line);
                }
            }
            int n = Math.min(len, line.length() - pos);
            line.getChars(pos, pos + n, buf, off);
            pos += n;
            return n;
        }

        @Override
        public void close() {
            // nothing to release
        }
    }

    static void format(Observation o, StringBuilder sb) {
        text(sb, o.seriesId()).append('\t').append(o.start()).append('\t').append(o.end()).append('\t')
                .append(o.value()).append('\t').append(o.quality().name()).append('\t');
        if (o.source() == null) {
            sb.append("\\N");
        } else {
            text(sb, o.source());
        }
        sb.append('\t').append(o.receivedAt()).append('\n');
    }

    private static StringBuilder text(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
        }
        return sb;
    }
}
