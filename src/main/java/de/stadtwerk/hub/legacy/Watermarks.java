package de.stadtwerk.hub.legacy;

import de.stadtwerk.hub.store.StoreUnavailableException;
import de.stadtwerk.hub.store.internal.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The persisted high-water marks of database polling (table {@code legacy_watermark} in the hub's database): one
 * text value per polled source, written after the rows up to it are committed, so it survives a restart.
 */
public class Watermarks {

    private final DataSource dataSource;
    private final Clock clock;

    public Watermarks(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public Optional<String> get(String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT hw_value FROM legacy_watermark WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read watermark " + name + ": " + e.getMessage(), e);
        }
    }

    public void set(String name, String value) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE legacy_watermark SET hw_value = ?, updated_at = ? WHERE name = ?")) {
                ps.setString(1, value);
                Jdbc.setInstant(ps, 2, clock.instant());
                ps.setString(3, name);
                n = ps.executeUpdate();
            }
            if (n == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO legacy_watermark (name, hw_value, updated_at) VALUES (?, ?, ?)")) {
                    ps.setString(1, name);
                    ps.setString(2, value);
                    Jdbc.setInstant(ps, 3, clock.instant());
                    ps.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not write watermark " + name + ": " + e.getMessage(), e);
        }
    }
}
