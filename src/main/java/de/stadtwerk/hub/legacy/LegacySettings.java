package de.stadtwerk.hub.legacy;

/**
 * The configuration keys of the legacy imports ({@code hub.legacy.*}), documented with their defaults in
 * {@code config/application.properties} and {@code docs/legacy.md}. Keys used only by route files (folders,
 * read lock, poll delay, cron) are listed there too; the ones the beans read are here.
 */
public final class LegacySettings {

    /** Observations per chunk handed to the ingest pipeline; one transaction per chunk. */
    public static final String CHUNK_SIZE = "hub.legacy.files.chunk-size";
    /** Chunks committed in parallel when a file is imported (observations are spread over them by series). */
    public static final String WRITERS = "hub.legacy.files.writers";
    /** {@code auto}, {@code one-pass} or {@code check-first}: how a file is checked and committed ({@link FileImport.Mode}). */
    public static final String IMPORT_MODE = "hub.legacy.files.import-mode";
    /** Whether the SFTP drops poll (routes/legacy/sftp-drop.camel.yaml); off by default. */
    public static final String SFTP_ENABLED = "hub.legacy.sftp.enabled";
    /** Folder of the CSV profiles ({@code <name>.properties}); the sub-folder of the CSV drop names the profile. */
    public static final String CSV_PROFILES_DIR = "hub.legacy.csv.profiles-dir";
    /** The CSV drop folder (one sub-folder per profile); created with the profile sub-folders at start. */
    public static final String CSV_DIR = "hub.legacy.csv.dir";
    /** The MSCONS drop folder; created at start. */
    public static final String MSCONS_DIR = "hub.legacy.mscons.dir";
    /** Lineage of MSCONS values. */
    public static final String MSCONS_SOURCE = "hub.legacy.mscons.source";
    /** Regular interval of MSCONS values (ISO-8601); others are flagged SUSPECT. */
    public static final String MSCONS_INTERVAL = "hub.legacy.mscons.expected-interval";

    /** How long a file lock of the cluster read lock lives without a refresh before another instance takes it over. */
    public static final String FILE_LOCK_MAX_AGE = "hub.legacy.files.lock-max-age";
    /** How often an instance refreshes the file locks it holds (must be shorter than the max age). */
    public static final String FILE_LOCK_KEEP_ALIVE = "hub.legacy.files.lock-keep-alive";

    /** Database polling: a name for the source; keys its watermark. */
    public static final String DB_NAME = "hub.legacy.db.name";
    /** JDBC URL of the legacy database; blank switches polling off. */
    public static final String DB_URL = "hub.legacy.db.url";
    public static final String DB_USER = "hub.legacy.db.user";
    public static final String DB_PASSWORD = "hub.legacy.db.password";
    /** The SELECT that yields the rows (without a condition on the watermark; the poller adds it). */
    public static final String DB_QUERY = "hub.legacy.db.query";
    /** The high-water column (a column of the query's result). */
    public static final String DB_WATERMARK_COLUMN = "hub.legacy.db.watermark.column";
    /** {@code timestamp} or {@code number}. */
    public static final String DB_WATERMARK_TYPE = "hub.legacy.db.watermark.type";
    /** Where to start when no watermark is stored yet; blank = from the beginning. */
    public static final String DB_WATERMARK_START = "hub.legacy.db.watermark.start";
    /** Rows per batch (one query, one ingest transaction, one watermark update). */
    public static final String DB_BATCH_SIZE = "hub.legacy.db.batch-size";
    /** Batches per run at most, so one run stays bounded; the next run goes on. */
    public static final String DB_MAX_BATCHES = "hub.legacy.db.max-batches-per-run";
    /** Zone of TIMESTAMP columns without time zone in the legacy database. */
    public static final String DB_TIME_ZONE = "hub.legacy.db.time-zone";
    /** {@code observation} or {@code asset}. */
    public static final String DB_TARGET = "hub.legacy.db.target";
    /** Prefix of the mapping keys: {@code hub.legacy.db.map.<field>=<column>} or {@code ='<fixed value>'}. */
    public static final String DB_MAP_PREFIX = "hub.legacy.db.map.";
    /** Lineage of polled values. */
    public static final String DB_SOURCE = "hub.legacy.db.source";

    private LegacySettings() {
    }
}
