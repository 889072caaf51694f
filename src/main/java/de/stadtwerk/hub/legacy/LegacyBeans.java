package de.stadtwerk.hub.legacy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import de.stadtwerk.hub.ingest.IngestPipeline;
import de.stadtwerk.hub.parse.mscons.MsconsOptions;
import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.support.HubSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Beans of the legacy imports, bound by name for the route files in {@code routes/legacy/}:
 * {@code legacyFileDrops} (MSCONS and CSV drops), {@code legacyDbPolling} (database polling),
 * {@code legacyImportedFiles}, {@code legacyFileLocks} (the cluster read lock), {@code legacyWatermarks},
 * {@code legacyFileImport}. Needs the beans of {@code HubBeans} (listed before this class in
 * {@code camel.main.configuration-classes}).
 */
public class LegacyBeans implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        HubSettings settings = registry.lookupByNameAndType("hubSettings", HubSettings.class);
        StoreDatabase db = registry.lookupByNameAndType("storeDatabase", StoreDatabase.class);
        IngestPipeline pipeline = registry.lookupByNameAndType("ingestPipeline", IngestPipeline.class);
        QuarantineStore quarantine = registry.lookupByNameAndType("quarantineStore", QuarantineStore.class);
        if (settings == null || db == null || pipeline == null || quarantine == null) {
            throw new IllegalStateException("LegacyBeans needs the beans of HubBeans: list de.stadtwerk.hub.support.HubBeans"
                    + " before it in camel.main.configuration-classes");
        }
        Clock clock = Clock.systemUTC();

        ImportedFiles imported = new ImportedFiles(db.dataSource());
        FileImport fileImport = new FileImport(pipeline, quarantine, imported, clock,
                settings.integer(LegacySettings.CHUNK_SIZE, 10_000), settings.integer(LegacySettings.WRITERS, 2),
                FileImport.Mode.of(settings.string(LegacySettings.IMPORT_MODE, "auto")));
        MsconsOptions mscons = MsconsOptions.defaults()
                .withExpectedInterval(settings.duration(LegacySettings.MSCONS_INTERVAL, Duration.ofMinutes(15)));
        Path profiles = Path.of(settings.string(LegacySettings.CSV_PROFILES_DIR, "config/csv-profiles"));
        LegacyFileDrops drops = new LegacyFileDrops(fileImport, mscons,
                settings.string(LegacySettings.MSCONS_SOURCE, "legacy-mscons"), profiles, clock);
        drops.createFolders(Path.of(settings.string(LegacySettings.MSCONS_DIR, settings.dataDir() + "/inbox/mscons")),
                Path.of(settings.string(LegacySettings.CSV_DIR, settings.dataDir() + "/inbox/csv")));

        if (!Boolean.parseBoolean(settings.string(LegacySettings.SFTP_ENABLED, "false").trim())) {
            excludeIdleSftpConsumersFromHealth(context);
        }

        Watermarks watermarks = new Watermarks(db.dataSource(), clock);
        DbPoller poller = null;
        String url = settings.string(LegacySettings.DB_URL, "");
        if (!url.isEmpty()) {
            HikariDataSource legacy = legacyDataSource(url, settings);
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    legacy.close();
                }
            });
            poller = new DbPoller(legacy, dbConfig(settings, context), watermarks, pipeline, quarantine, db.dataSource(),
                    db.dialect(), clock);
        }

        // the database lock only where it is used: it needs the database when the hub starts, which a single hub
        // does not (it starts with readiness DOWN and migrates when the store comes); the drop routes name the bean
        // in either case, the changed read lock never calls it
        boolean clusterLock = settings.string(READ_LOCK, "changed").trim().startsWith("idempotent");
        registry.bind("legacyFileLocks", clusterLock ? fileLocks(db.dataSource(), settings, context)
                : MemoryIdempotentRepository.memoryIdempotentRepository(1));
        registry.bind("legacyImportedFiles", imported);
        registry.bind("legacyWatermarks", watermarks);
        registry.bind("legacyFileImport", fileImport);
        registry.bind("legacyFileDrops", drops);
        registry.bind("legacyDbPolling", new LegacyDbPolling(poller));
    }

    /**
     * The cluster read lock of the file drops (used when {@code hub.legacy.files.read-lock=idempotent-changed}):
     * {@link FileLocks} with the max age and keep-alive of the configuration.
     */
    public static final String READ_LOCK = "hub.legacy.files.read-lock";

    static FileLocks fileLocks(DataSource dataSource, HubSettings settings, CamelContext context) throws Exception {
        FileLocks locks = new FileLocks(dataSource, "legacy-file-drops", context);
        Duration maxAge = settings.duration(LegacySettings.FILE_LOCK_MAX_AGE, Duration.ofSeconds(30));
        Duration keepAlive = settings.duration(LegacySettings.FILE_LOCK_KEEP_ALIVE, Duration.ofSeconds(5));
        if (keepAlive.compareTo(maxAge) >= 0) {
            throw new IllegalArgumentException(LegacySettings.FILE_LOCK_KEEP_ALIVE + " (" + keepAlive + ") must be shorter"
                    + " than " + LegacySettings.FILE_LOCK_MAX_AGE + " (" + maxAge + ")");
        }
        locks.setLockMaxAgeMillis(maxAge.toMillis());
        locks.setLockKeepAliveIntervalMillis(keepAlive.toMillis());
        context.addService(locks, true, true);
        return locks;
    }

    /**
     * While the SFTP drops are off their consumers are started but never poll (startScheduler follows the key), and
     * Camel's consumer health check would call them "not yet polled", i.e. DOWN: they are left out of the health
     * checks then. Switched on, they are checked like every consumer (a refused host key shows as DOWN).
     */
    private static void excludeIdleSftpConsumersFromHealth(CamelContext context) {
        org.apache.camel.health.HealthCheckRegistry health = org.apache.camel.health.HealthCheckRegistry.get(context);
        if (health == null) {
            return;
        }
        String existing = health.getExcludePattern();
        health.setExcludePattern((existing == null || existing.isBlank() ? "" : existing + ",") + "consumer:legacy-sftp-*");
    }

    static HikariDataSource legacyDataSource(String url, HubSettings settings) {
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName("legacy-db");
        cfg.setJdbcUrl(url);
        cfg.setUsername(settings.string(LegacySettings.DB_USER, ""));
        cfg.setPassword(settings.string(LegacySettings.DB_PASSWORD, ""));
        cfg.setMaximumPoolSize(2);
        cfg.setMinimumIdle(0);
        cfg.setReadOnly(true);
        cfg.setConnectionTimeout(10_000);
        cfg.setInitializationFailTimeout(-1);
        return new HikariDataSource(cfg);
    }

    /** The polling configuration from {@code hub.legacy.db.*}; the mapping from {@code hub.legacy.db.map.*}. */
    static DbPoller.Config dbConfig(HubSettings settings, CamelContext context) {
        Properties all = context.getPropertiesComponent().loadProperties(k -> k.startsWith(LegacySettings.DB_MAP_PREFIX));
        Map<String, String> map = new LinkedHashMap<>();
        for (String key : all.stringPropertyNames()) {
            String field = key.substring(LegacySettings.DB_MAP_PREFIX.length());
            String column = settings.string(key, "");
            if (!column.isEmpty()) {
                map.put(field, column);
            }
        }
        return dbConfig(settings, map);
    }

    static DbPoller.Config dbConfig(HubSettings settings, Map<String, String> map) {
        String target = settings.string(LegacySettings.DB_TARGET, "observation").toLowerCase(Locale.ROOT);
        if (!target.equals("observation") && !target.equals("asset")) {
            throw new IllegalArgumentException(LegacySettings.DB_TARGET + ": '" + target + "' must be observation or asset");
        }
        String type = settings.string(LegacySettings.DB_WATERMARK_TYPE, "timestamp").toLowerCase(Locale.ROOT);
        if (!type.equals("timestamp") && !type.equals("number")) {
            throw new IllegalArgumentException(LegacySettings.DB_WATERMARK_TYPE + ": '" + type + "' must be timestamp or number");
        }
        String column = settings.string(LegacySettings.DB_WATERMARK_COLUMN, "");
        if (!column.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException(LegacySettings.DB_WATERMARK_COLUMN + ": '" + column
                    + "' must be a plain column name of the query");
        }
        String query = settings.string(LegacySettings.DB_QUERY, "");
        if (!query.toLowerCase(Locale.ROOT).startsWith("select")) {
            throw new IllegalArgumentException(LegacySettings.DB_QUERY + ": must be a SELECT, was '" + query + "'");
        }
        boolean assets = target.equals("asset");
        ZoneId zone = ZoneId.of(settings.string(LegacySettings.DB_TIME_ZONE, "Europe/Berlin"));
        return new DbPoller.Config(settings.string(LegacySettings.DB_NAME, "legacy"), query, column,
                type.equals("number"), settings.string(LegacySettings.DB_WATERMARK_START, ""),
                settings.integer(LegacySettings.DB_BATCH_SIZE, 5000), settings.integer(LegacySettings.DB_MAX_BATCHES, 100),
                assets, new RowMapping(map, zone, assets), settings.string(LegacySettings.DB_SOURCE, "legacy-db"));
    }
}
