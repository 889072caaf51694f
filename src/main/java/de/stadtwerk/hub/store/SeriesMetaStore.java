package de.stadtwerk.hub.store;

import de.stadtwerk.hub.parse.Attribution;
import de.stadtwerk.hub.store.internal.Jdbc;
import de.stadtwerk.hub.store.internal.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The {@code series_meta} table: attribution and licence of series taken from an open-data provider
 * ("Datenbasis: Deutscher Wetterdienst", CC-BY-4.0 …). Written with the series' values; exports and the API
 * publish it with them.
 */
public class SeriesMetaStore {

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final Clock clock;

    public SeriesMetaStore(DataSource dataSource, SqlDialect dialect, Clock clock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clock = clock;
    }

    /** Records the attribution of the given series (idempotent). */
    public void record(Collection<String> seriesIds, Attribution attribution, String source) {
        Set<String> ids = new TreeSet<>(seriesIds);
        if (ids.isEmpty()) {
            return;
        }
        String sql = dialect == SqlDialect.H2
                ? "MERGE INTO series_meta (series_id, provider, attribution, licence_id, licence_url, source, updated_at)"
                + " KEY (series_id) VALUES (?, ?, ?, ?, ?, ?, ?)"
                : "INSERT INTO series_meta (series_id, provider, attribution, licence_id, licence_url, source, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (series_id) DO UPDATE SET provider = EXCLUDED.provider,"
                + " attribution = EXCLUDED.attribution, licence_id = EXCLUDED.licence_id,"
                + " licence_url = EXCLUDED.licence_url, source = EXCLUDED.source, updated_at = EXCLUDED.updated_at";
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (String id : ids) {
                ps.setString(1, id);
                ps.setString(2, attribution.provider());
                ps.setString(3, attribution.text());
                ps.setString(4, attribution.licenceId());
                ps.setString(5, attribution.licenceUrl());
                ps.setString(6, source);
                Jdbc.setInstant(ps, 7, now);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not record the attribution of " + ids.size() + " series: "
                    + SqlErrors.describe(e), e);
        }
    }

    /** The attribution of a series, if it came from an open-data provider. */
    public Optional<Attribution> attributionOf(String seriesId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT provider, attribution, licence_id, licence_url FROM series_meta WHERE series_id = ?")) {
            ps.setString(1, seriesId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Attribution(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read the attribution of " + seriesId + ": "
                    + SqlErrors.describe(e), e);
        }
    }
}
