package de.stadtwerk.hub.store.internal;

import de.stadtwerk.hub.model.Observation;
import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * The PostgreSQL fast path of the observation upsert: COPY the batch into a session-local staging table, then
 * one {@code INSERT … SELECT … ON CONFLICT DO UPDATE … WHERE changed}. COPY moves rows at the database's raw speed;
 * the single INSERT does the index work once for the whole batch. Same semantics as the row-wise upsert:
 * unchanged values are not written, changed ones fire the history trigger.
 *
 * <p>The rows travel in COPY's binary format when the database encoding is UTF-8 (timestamps as microseconds,
 * values as IEEE doubles): neither side formats or parses a timestamp or a number, which on a 2-core machine
 * shared by the hub and PostgreSQL is CPU for the import. Other encodings use the text format.
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
            if (utf8(c)) {
                copyBinary(copy, observations);
            } else {
                copy.copyIn(COPY, new RowReader(observations));
            }
        } catch (IOException e) {
            throw new SQLException("COPY into the staging table failed: " + e.getMessage(), "08000", e);
        }
        try (Statement st = c.createStatement()) {
            return st.executeUpdate(MERGE);
        }
    }

    private static boolean utf8(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery("SHOW server_encoding")) {
            return rs.next() && "UTF8".equalsIgnoreCase(rs.getString(1));
        }
    }

    /** Microseconds between 1970-01-01 and PostgreSQL's epoch 2000-01-01 (UTC). */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    private static final byte[] BINARY_HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
        0, 0, 0, 0, 0, 0, 0, 0};

    private static void copyBinary(CopyManager copy, List<Observation> rows) throws SQLException {
        CopyIn in = copy.copyIn(COPY + " WITH (FORMAT binary)");
        try {
            BinaryRows out = new BinaryRows(in);
            out.bytes(BINARY_HEADER);
            for (Observation o : rows) {
                out.int16(7);
                out.text(o.seriesId());
                out.timestamp(o.start());
                out.timestamp(o.end());
                out.int32(8);
                out.int64(Double.doubleToRawLongBits(o.value()));
                out.text(o.quality().name());
                out.text(o.source());
                out.timestamp(o.receivedAt());
            }
            out.int16(-1);
            out.flush();
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** Rows in COPY binary format, written to the server in 64 KB pieces. */
    private static final class BinaryRows {
        private final CopyIn in;
        private final java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(1 << 16);

        BinaryRows(CopyIn in) {
            this.in = in;
        }

        private void room(int n) throws SQLException {
            if (buf.remaining() < n) {
                flush();
            }
        }

        void flush() throws SQLException {
            if (buf.position() > 0) {
                in.writeToCopy(buf.array(), 0, buf.position());
                buf.clear();
            }
        }

        void bytes(byte[] b) throws SQLException {
            room(b.length);
            buf.put(b);
        }

        void int16(int v) throws SQLException {
            room(2);
            buf.putShort((short) v);
        }

        void int32(int v) throws SQLException {
            room(4);
            buf.putInt(v);
        }

        void int64(long v) throws SQLException {
            room(8);
            buf.putLong(v);
        }

        void timestamp(java.time.Instant t) throws SQLException {
            if (t == null) {
                int32(-1);
                return;
            }
            int32(8);
            int64(Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), (t.getNano() + 500) / 1000) - PG_EPOCH_MICROS);
        }

        void text(String s) throws SQLException {
            if (s == null) {
                int32(-1);
                return;
            }
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int32(b.length);
            if (b.length > buf.capacity()) {
                flush();
                in.writeToCopy(b, 0, b.length);
            } else {
                bytes(b);
            }
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
