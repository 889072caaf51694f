package de.stadtwerk.hub.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.stadtwerk.hub.parse.ckan.CkanDataset;
import de.stadtwerk.hub.store.internal.Jdbc;
import de.stadtwerk.hub.store.internal.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The {@code dataset} table: the catalogue of open datasets harvested from CKAN portals (title, organisation,
 * licence, resources, last modification), so the IT team sees which open data exists. Keyed by portal and
 * dataset id; a new harvest replaces the entry.
 */
public class DatasetCatalogue {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One catalogue entry as stored. */
    public record Entry(String portal, String id, String name, String title, String organisation, String licenceId,
                        String licenceTitle, Instant modified, String resourcesJson, String query) {
    }

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final Clock clock;

    public DatasetCatalogue(DataSource dataSource, SqlDialect dialect, Clock clock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clock = clock;
    }

    /** Inserts or replaces the datasets of one portal, found by {@code query}; returns how many. */
    public int upsert(String portal, String query, List<CkanDataset> datasets) {
        if (datasets.isEmpty()) {
            return 0;
        }
        String columns = "portal, id, name, title, organisation, licence_id, licence_title, modified, resources, query,"
                + " harvested_at";
        String sql = dialect == SqlDialect.H2
                ? "MERGE INTO dataset (" + columns + ") KEY (portal, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                : "INSERT INTO dataset (" + columns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (portal, id) DO UPDATE SET name = EXCLUDED.name, title = EXCLUDED.title,"
                + " organisation = EXCLUDED.organisation, licence_id = EXCLUDED.licence_id,"
                + " licence_title = EXCLUDED.licence_title, modified = EXCLUDED.modified,"
                + " resources = EXCLUDED.resources, query = EXCLUDED.query, harvested_at = EXCLUDED.harvested_at";
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (CkanDataset d : datasets) {
                ps.setString(1, portal);
                ps.setString(2, d.id());
                ps.setString(3, d.name());
                ps.setString(4, cut(d.title(), 1000));
                ps.setString(5, cut(d.organisation(), 500));
                ps.setString(6, cut(d.licenceId(), 200));
                ps.setString(7, cut(d.licenceTitle(), 500));
                Jdbc.setInstant(ps, 8, d.modified());
                ps.setString(9, JSON.writeValueAsString(d.resources()));
                ps.setString(10, cut(query, 500));
                Jdbc.setInstant(ps, 11, now);
                ps.addBatch();
            }
            ps.executeBatch();
            return datasets.size();
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreUnavailableException("the store could not take " + datasets.size() + " dataset(s): "
                    + (e instanceof SQLException s ? SqlErrors.describe(s) : e.getMessage()), e);
        }
    }

    /** The catalogue, ordered by portal and title. */
    public List<Entry> list() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT portal, id, name, title, organisation, licence_id, licence_title, modified, resources, query"
                        + " FROM dataset ORDER BY portal, title, id")) {
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), Jdbc.getInstant(rs, "modified"),
                            rs.getString(9), rs.getString(10)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read the dataset catalogue: " + SqlErrors.describe(e), e);
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
