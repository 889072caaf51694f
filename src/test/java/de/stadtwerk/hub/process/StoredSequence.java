package de.stadtwerk.hub.process;

import de.stadtwerk.hub.store.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.BitSet;

/**
 * The sequence check of the fault tests: which of the readings 0..n-1 of a run are in the hub's store (read from
 * outside the hub, over JDBC), how many rows each has, and what is missing.
 */
final class StoredSequence {

    final int n;
    final BitSet stored = new BitSet();
    /** Rows beyond one per sequence number (must be 0: the store's key forbids it, the check proves it). */
    long doubled;
    long rows;

    private StoredSequence(int n) {
        this.n = n;
    }

    /** Reads the run's readings from the store; an unreachable database reads as nothing stored. */
    static StoredSequence read(String url, String user, String runId, int n) {
        StoredSequence s = new StoredSequence(n);
        try (Connection c = DriverManager.getConnection(url, user, "");
             PreparedStatement ps = c.prepareStatement("SELECT CAST(EXTRACT(EPOCH FROM start_ts) AS BIGINT) - ?, COUNT(*)"
                     + " FROM observation WHERE series_id LIKE ? GROUP BY start_ts")) {
            ps.setLong(1, SequencePublisher.BASE.getEpochSecond());
            ps.setString(2, runId + "-m-%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    long count = rs.getLong(2);
                    if (seq >= 0 && seq < n) {
                        s.stored.set((int) seq);
                        s.rows += count;
                        s.doubled += count - 1;
                    }
                }
            }
        } catch (SQLException e) {
            return s;
        }
        return s;
    }

    static StoredSequence read(String schemaUrl, String runId, int n) {
        return read(schemaUrl, TestDatabases.PG_USER, runId, n);
    }

    /** Whether the probe reading (a sequence number outside 0..n-1) is stored. */
    static boolean has(String url, String user, String runId, int seq) {
        try (Connection c = DriverManager.getConnection(url, user, "");
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM observation WHERE series_id LIKE ?"
                     + " AND start_ts = ?")) {
            ps.setString(1, SequencePublisher.meter(runId, seq) + ".%");
            ps.setObject(2, java.time.OffsetDateTime.ofInstant(SequencePublisher.BASE.plusSeconds(seq), java.time.ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            return false;
        }
    }

    int count() {
        return stored.cardinality();
    }

    int lost() {
        return n - count();
    }

    /** The missing sequence numbers (at most {@code limit}). */
    java.util.List<Integer> missing(int limit) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (int i = stored.nextClearBit(0); i < n && out.size() < limit; i = stored.nextClearBit(i + 1)) {
            out.add(i);
        }
        return out;
    }
}
