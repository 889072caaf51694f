package de.stadtwerk.hub.field.mqtt;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * The table {@code mqtt_member} (migration V9): which instance owns which MQTT client id, its heartbeat, and which
 * instance has adopted it. Times are passed in (the adoption takes them from the database's clock, a test from its
 * own), so the rules here are plain SQL a test can drive. The claim is one {@code UPDATE} whose condition is
 * checked again on the row it locks: of several claimers exactly one changes the row.
 *
 * <p>A member may be adopted when its heartbeat is older than the stale limit, it is not the claimer's own, it is
 * not held by an adopter whose own heartbeat is fresh, and it was not handed back by the broker since its last
 * heartbeat (see {@link #release}).
 */
final class MqttMembers {

    /** A member that may be adopted: its client id and the owner's topic filters. */
    record Member(String clientId, List<String> subscriptions) {
    }

    /** The state of one member: its owner's last heartbeat and its adopter (null: none). */
    record State(Instant heartbeatAt, String adoptedBy) {
    }

    private static final String ADOPTABLE = " share_group = ? AND instance_id <> ? AND heartbeat_at < ?"
            + " AND (released_heartbeat_at IS NULL OR heartbeat_at > released_heartbeat_at)"
            + " AND (adopted_by IS NULL OR NOT EXISTS (SELECT 1 FROM mqtt_member a"
            + " WHERE a.instance_id = m.adopted_by AND a.heartbeat_at >= ?))";

    private final DataSource dataSource;

    MqttMembers(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The database's clock: every instance compares heartbeats on one clock. */
    Instant now() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT CURRENT_TIMESTAMP");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    /**
     * Writes the heartbeat of the instance's own client ids (creating their rows), with its share group and
     * subscriptions. The owner's heartbeat does not touch an adoption: the adopter lets go when it sees it.
     */
    void heartbeat(String instanceId, String shareGroup, List<String> subscriptions, List<String> clientIds,
                   Instant now) throws SQLException {
        String subs = String.join("\n", subscriptions);
        try (Connection c = dataSource.getConnection()) {
            for (String id : clientIds) {
                if (update(c, id, instanceId, shareGroup, subs, now) == 0) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO mqtt_member (client_id, instance_id,"
                            + " share_group, subscriptions, heartbeat_at) VALUES (?, ?, ?, ?, ?)")) {
                        ps.setString(1, id);
                        ps.setString(2, instanceId);
                        ps.setString(3, shareGroup);
                        ps.setString(4, subs);
                        ps.setObject(5, time(now));
                        ps.executeUpdate();
                    } catch (SQLException e) {
                        // another process inserted it in between (a second instance with the same id): update it
                        if (update(c, id, instanceId, shareGroup, subs, now) == 0) {
                            throw e;
                        }
                    }
                }
            }
        }
    }

    private static int update(Connection c, String id, String instanceId, String shareGroup, String subs, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE mqtt_member SET instance_id = ?, share_group = ?,"
                + " subscriptions = ?, heartbeat_at = ? WHERE client_id = ?")) {
            ps.setString(1, instanceId);
            ps.setString(2, shareGroup);
            ps.setString(3, subs);
            ps.setObject(4, time(now));
            ps.setString(5, id);
            return ps.executeUpdate();
        }
    }

    /** Members of the share group that {@code instanceId} may adopt now (heartbeat before {@code staleBefore}). */
    List<Member> adoptable(String instanceId, String shareGroup, Instant staleBefore) throws SQLException {
        List<Member> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT client_id, subscriptions FROM mqtt_member m WHERE"
                     + ADOPTABLE + " ORDER BY client_id")) {
            ps.setString(1, shareGroup);
            ps.setString(2, instanceId);
            ps.setObject(3, time(staleBefore));
            ps.setObject(4, time(staleBefore));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Member(rs.getString(1), Arrays.stream(rs.getString(2).split("\n"))
                            .filter(s -> !s.isBlank()).toList()));
                }
            }
        }
        return out;
    }

    /** Claims a member for {@code instanceId}; true when this call won it (the conditions of {@link #adoptable}). */
    boolean claim(String clientId, String instanceId, String shareGroup, Instant now, Instant staleBefore)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE mqtt_member m SET adopted_by = ?, adopted_at = ?"
                     + " WHERE client_id = ? AND" + ADOPTABLE)) {
            ps.setString(1, instanceId);
            ps.setObject(2, time(now));
            ps.setString(3, clientId);
            ps.setString(4, shareGroup);
            ps.setString(5, instanceId);
            ps.setObject(6, time(staleBefore));
            ps.setObject(7, time(staleBefore));
            return ps.executeUpdate() == 1;
        }
    }

    /** The member's state, or null when there is no row. */
    State state(String clientId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT heartbeat_at, adopted_by FROM mqtt_member"
                     + " WHERE client_id = ?")) {
            ps.setString(1, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new State(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2)) : null;
            }
        }
    }

    /**
     * Lets go of a claim held by {@code instanceId}. {@code takenOver}: the broker gave the session to another
     * connection with the id; if the owner's heartbeat is still stale then (it runs but cannot reach the database),
     * that heartbeat is recorded, and the member is not adopted again before the owner writes a newer one — so an
     * owner and an adopter never take the session from each other in turns.
     */
    void release(String clientId, String instanceId, boolean takenOver, Instant staleBefore) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(takenOver
                     ? "UPDATE mqtt_member SET adopted_by = NULL, adopted_at = NULL, released_heartbeat_at ="
                     + " CASE WHEN heartbeat_at < ? THEN heartbeat_at ELSE released_heartbeat_at END"
                     + " WHERE client_id = ? AND adopted_by = ?"
                     : "UPDATE mqtt_member SET adopted_by = NULL, adopted_at = NULL"
                     + " WHERE client_id = ? AND adopted_by = ?")) {
            int i = 1;
            if (takenOver) {
                ps.setObject(i++, time(staleBefore));
            }
            ps.setString(i++, clientId);
            ps.setString(i, instanceId);
            ps.executeUpdate();
        }
    }

    private static OffsetDateTime time(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
