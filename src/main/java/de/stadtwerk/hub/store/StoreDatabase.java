package de.stadtwerk.hub.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's connection pool and schema. The default is an embedded H2 file database under the data directory;
 * a {@code jdbc:postgresql://…} URL runs the same hub on PostgreSQL. Flyway migrates the schema on start
 * ({@code db/migration/h2} or {@code db/migration/postgresql}).
 */
public final class StoreDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreDatabase.class);

    private final HikariDataSource dataSource;
    private final SqlDialect dialect;
    private final String url;

    private StoreDatabase(HikariDataSource dataSource, SqlDialect dialect, String url) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.url = url;
    }

    /**
     * Opens the pool. {@code url} blank means the embedded H2 file database {@code <dataDir>/store/hub}.
     */
    public static StoreDatabase open(String url, String user, String password, int poolSize, Path dataDir) {
        String jdbcUrl = url == null || url.isBlank() ? embeddedUrl(dataDir) : url.trim();
        SqlDialect dialect = SqlDialect.ofUrl(jdbcUrl);
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName("hub-store");
        cfg.setJdbcUrl(jdbcUrl);
        cfg.setUsername(user == null || user.isBlank() ? (dialect == SqlDialect.H2 ? "sa" : null) : user);
        cfg.setPassword(password == null ? "" : password);
        cfg.setMaximumPoolSize(Math.max(2, poolSize));
        cfg.setMinimumIdle(1);
        cfg.setConnectionTimeout(5_000);
        cfg.setValidationTimeout(2_000);
        cfg.setInitializationFailTimeout(-1);
        if (dialect == SqlDialect.POSTGRESQL) {
            // Lets the driver turn a JDBC batch into multi-row INSERTs: one round trip for many rows.
            cfg.addDataSourceProperty("reWriteBatchedInserts", "true");
            cfg.addDataSourceProperty("ApplicationName", "stadtwerk-hub");
        }
        return new StoreDatabase(new HikariDataSource(cfg), dialect, jdbcUrl);
    }

    static String embeddedUrl(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve("store").resolve("hub");
        return "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
    }

    /** Applies the pending migrations of this dialect. */
    public MigrateResult migrate() {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(dialect.migrationLocation())
                .table("hub_schema_history")
                .baselineOnMigrate(false)
                .load();
        MigrateResult result = flyway.migrate();
        var current = flyway.info().current();
        LOG.info("Store {} ready: schema version {} ({} migration(s) applied now)", redactedUrl(),
                current == null ? "none" : current.getVersion(), result.migrationsExecuted);
        return result;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** The JDBC URL without credentials that a URL might carry (user:password@ or password=…). */
    public String redactedUrl() {
        return url.replaceAll("//[^/@]*@", "//***@").replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
