package de.stadtwerk.hub.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.stadtwerk.hub.model.Asset;
import de.stadtwerk.hub.store.internal.Jdbc;
import de.stadtwerk.hub.store.internal.SqlErrors;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The {@code asset} table: assets that come from registers and open data (MaStR units, DWD stations) rather than
 * from {@code config/assets.csv}. An asset is upserted by id; register facts (commissioning date, hub height,
 * operating status) and the attribution of the source are kept beside it.
 */
public class AssetStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, name, kind, lat, lon, district, postcode, rated_power_w, external_ids,"
            + " updated_at, commissioning_date, hub_height_m, operating_status, source, attribution, licence_id";

    /**
     * An asset and the facts the {@link Asset} record has no field for.
     *
     * @param asset             the asset
     * @param commissioningDate when it went into operation, or null
     * @param hubHeightM        hub height of a wind turbine in m, or null
     * @param operatingStatus   register status code (MaStR: 35 in operation), or null
     * @param source            lineage, e.g. {@code mastr}
     * @param attribution       attribution line of the provider (with licence), or null
     * @param licenceId         licence id, or null
     */
    public record Entry(Asset asset, LocalDate commissioningDate, Double hubHeightM, String operatingStatus,
                        String source, String attribution, String licenceId) {
    }

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final Clock clock;

    public AssetStore(DataSource dataSource, SqlDialect dialect, Clock clock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clock = clock;
    }

    /** Inserts or updates the entries in one transaction; returns how many were written. */
    public int upsert(List<Entry> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        String sql = dialect == SqlDialect.H2
                ? "MERGE INTO asset (" + COLUMNS + ") KEY (id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                : "INSERT INTO asset (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, lat = EXCLUDED.lat,"
                + " lon = EXCLUDED.lon, district = EXCLUDED.district, postcode = EXCLUDED.postcode,"
                + " rated_power_w = EXCLUDED.rated_power_w, external_ids = EXCLUDED.external_ids,"
                + " updated_at = EXCLUDED.updated_at, commissioning_date = EXCLUDED.commissioning_date,"
                + " hub_height_m = EXCLUDED.hub_height_m, operating_status = EXCLUDED.operating_status,"
                + " source = EXCLUDED.source, attribution = EXCLUDED.attribution, licence_id = EXCLUDED.licence_id";
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Entry e : entries) {
                    Asset a = e.asset();
                    ps.setString(1, a.id());
                    ps.setString(2, a.name());
                    ps.setString(3, a.kind());
                    Jdbc.setDouble(ps, 4, a.lat());
                    Jdbc.setDouble(ps, 5, a.lon());
                    ps.setString(6, a.district());
                    ps.setString(7, a.postcode());
                    Jdbc.setDouble(ps, 8, a.ratedPowerW());
                    ps.setString(9, JSON.writeValueAsString(a.externalIds()));
                    Jdbc.setInstant(ps, 10, now);
                    if (e.commissioningDate() == null) {
                        ps.setNull(11, Types.DATE);
                    } else {
                        ps.setDate(11, Date.valueOf(e.commissioningDate()));
                    }
                    Jdbc.setDouble(ps, 12, e.hubHeightM());
                    ps.setString(13, e.operatingStatus());
                    ps.setString(14, e.source());
                    ps.setString(15, e.attribution());
                    ps.setString(16, e.licenceId());
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
                return entries.size();
            } catch (SQLException | JsonProcessingException | RuntimeException ex) {
                c.rollback();
                throw ex;
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreUnavailableException("the store could not take " + entries.size() + " asset(s): "
                    + (e instanceof SQLException s ? SqlErrors.describe(s) : e.getMessage()), e);
        }
    }

    /** The stored entries of one kind (e.g. {@code pv_plant}), by id; all kinds when {@code kind} is null. */
    public List<Entry> list(String kind) {
        String sql = "SELECT " + COLUMNS + " FROM asset" + (kind == null ? "" : " WHERE kind = ?") + " ORDER BY id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (kind != null) {
                ps.setString(1, kind);
            }
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String ids = rs.getString("external_ids");
                    Map<String, String> external = ids == null ? Map.of()
                            : JSON.readValue(ids, new TypeReference<Map<String, String>>() { });
                    Asset a = new Asset(rs.getString("id"), rs.getString("name"), rs.getString("kind"),
                            Jdbc.getDouble(rs, "lat"), Jdbc.getDouble(rs, "lon"), rs.getString("district"),
                            rs.getString("postcode"), Jdbc.getDouble(rs, "rated_power_w"), external);
                    Date d = rs.getDate("commissioning_date");
                    out.add(new Entry(a, d == null ? null : d.toLocalDate(), Jdbc.getDouble(rs, "hub_height_m"),
                            rs.getString("operating_status"), rs.getString("source"), rs.getString("attribution"),
                            rs.getString("licence_id")));
                }
            }
            return out;
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreUnavailableException("could not read assets: " + e.getMessage(), e);
        }
    }
}
