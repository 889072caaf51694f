package de.stadtwerk.hub.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2 counterpart of the PostgreSQL trigger {@code observation_keep_history}: before an observation row is
 * updated with a different value or quality, the old value is written to {@code observation_history}; an update
 * with the same value and quality (H2's MERGE always updates) keeps the old row unchanged, lineage included.
 * Column order follows V1__store.sql.
 */
public final class H2HistoryTrigger implements Trigger {

    private static final String INSERT = "INSERT INTO observation_history (series_id, start_ts, end_ts, old_value,"
            + " old_quality, old_source, old_received_at, new_value, new_quality) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (oldRow == null || newRow == null) {
            return;
        }
        if (java.util.Objects.equals(oldRow[3], newRow[3]) && java.util.Objects.equals(oldRow[4], newRow[4])) {
            // an identical redelivery: keep the stored row as it was, no history
            System.arraycopy(oldRow, 0, newRow, 0, oldRow.length);
            return;
        }
        try (PreparedStatement ps = conn.prepareStatement(INSERT)) {
            ps.setObject(1, oldRow[0]);
            ps.setObject(2, oldRow[1]);
            ps.setObject(3, oldRow[2]);
            ps.setObject(4, oldRow[3]);
            ps.setObject(5, oldRow[4]);
            ps.setObject(6, oldRow[5]);
            ps.setObject(7, oldRow[6]);
            ps.setObject(8, newRow[3]);
            ps.setObject(9, newRow[4]);
            ps.executeUpdate();
        }
    }
}
