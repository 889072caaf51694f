package de.stadtwerk.hub.store;

/**
 * The two databases the store runs on, and the few statements that differ between them. Everything else is
 * the same SQL on both.
 */
public enum SqlDialect {
    H2("h2",
            "MERGE INTO observation (series_id, start_ts, end_ts, val, quality, source, received_at)"
                    + " KEY (series_id, start_ts, end_ts) VALUES (?, ?, ?, ?, ?, ?, ?)",
            "MERGE INTO series s USING (VALUES (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR),"
                    + " CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS TIMESTAMP WITH TIME ZONE)))"
                    + " n(id, asset_id, quantity, unit, qualifier, created_at) ON s.id = n.id"
                    + " WHEN NOT MATCHED THEN INSERT (id, asset_id, quantity, unit, qualifier, created_at)"
                    + " VALUES (n.id, n.asset_id, n.quantity, n.unit, n.qualifier, n.created_at)",
            "MERGE INTO forecast (series_id, start_ts, end_ts, issued_at, val, model, source)"
                    + " KEY (series_id, start_ts, end_ts, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            "MERGE INTO asset (id, name, kind, lat, lon, district, postcode, rated_power_w, external_ids,"
                    + " updated_at) KEY (id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
    POSTGRESQL("postgresql",
            "INSERT INTO observation AS o (series_id, start_ts, end_ts, val, quality, source, received_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (series_id, start_ts, end_ts) DO UPDATE SET val = EXCLUDED.val,"
                    + " quality = EXCLUDED.quality, source = EXCLUDED.source, received_at = EXCLUDED.received_at"
                    + " WHERE o.val IS DISTINCT FROM EXCLUDED.val OR o.quality IS DISTINCT FROM EXCLUDED.quality",
            "INSERT INTO series (id, asset_id, quantity, unit, qualifier, created_at) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (id) DO NOTHING",
            "INSERT INTO forecast (series_id, start_ts, end_ts, issued_at, val, model, source)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (series_id, start_ts, end_ts, issued_at)"
                    + " DO UPDATE SET val = EXCLUDED.val, model = EXCLUDED.model, source = EXCLUDED.source",
            "INSERT INTO asset (id, name, kind, lat, lon, district, postcode, rated_power_w, external_ids, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name,"
                    + " kind = EXCLUDED.kind, lat = EXCLUDED.lat, lon = EXCLUDED.lon, district = EXCLUDED.district,"
                    + " postcode = EXCLUDED.postcode, rated_power_w = EXCLUDED.rated_power_w,"
                    + " external_ids = EXCLUDED.external_ids, updated_at = EXCLUDED.updated_at");

    private final String flywayFolder;
    private final String upsertObservation;
    private final String insertSeriesIfAbsent;
    private final String upsertForecast;
    private final String upsertAsset;

    SqlDialect(String flywayFolder, String upsertObservation, String insertSeriesIfAbsent, String upsertForecast,
               String upsertAsset) {
        this.flywayFolder = flywayFolder;
        this.upsertObservation = upsertObservation;
        this.insertSeriesIfAbsent = insertSeriesIfAbsent;
        this.upsertForecast = upsertForecast;
        this.upsertAsset = upsertAsset;
    }

    /**
     * SQL text of the local calendar day ({@code YYYY-MM-DD}) of a timestamp-with-time-zone column in a zone.
     * H2 casts through the session time zone, so it formats in the zone explicitly.
     *
     * @param zoneLiteral a quoted zone id, already validated
     */
    public String localDay(String column, String zoneLiteral) {
        return this == H2
                ? "FORMATDATETIME(" + column + ", 'yyyy-MM-dd', 'en', " + zoneLiteral + ")"
                : "to_char(" + column + " AT TIME ZONE " + zoneLiteral + ", 'YYYY-MM-DD')";
    }

    /** The dialect of a JDBC URL; only H2 and PostgreSQL are supported. */
    public static SqlDialect ofUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("hub.db.url: '" + jdbcUrl
                + "' is not supported; use jdbc:h2:… or jdbc:postgresql://…");
    }

    /** Classpath folder of this dialect's Flyway migrations. */
    public String migrationLocation() {
        return "classpath:db/migration/" + flywayFolder;
    }

    /** Parameters: series_id, start, end, value, quality, source, received_at. */
    public String upsertObservation() {
        return upsertObservation;
    }

    /** Parameters: id, asset_id, quantity, unit, qualifier, created_at. */
    public String insertSeriesIfAbsent() {
        return insertSeriesIfAbsent;
    }

    /** Parameters: series_id, start, end, issued_at, value, model, source. */
    public String upsertForecast() {
        return upsertForecast;
    }

    /** Parameters: id, name, kind, lat, lon, district, postcode, rated_power_w, external_ids, updated_at. */
    public String upsertAsset() {
        return upsertAsset;
    }
}
