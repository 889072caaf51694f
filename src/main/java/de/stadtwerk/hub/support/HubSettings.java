package de.stadtwerk.hub.support;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The catalogue of the hub's own configuration keys ({@code hub.*}), with their defaults. Every key is also
 * documented in {@code config/application.properties}; a JVM system property ({@code -Dhub.data.dir=…}) or an
 * environment variable ({@code HUB_DATA_DIR=…}) overrides it. Values are read through Camel's properties
 * component, which applies those overrides.
 */
public final class HubSettings {

    /** Where the embedded database and all state the hub writes live. */
    public static final String DATA_DIR = "hub.data.dir";
    /** JDBC URL of the store; blank means an embedded H2 file database under {@link #DATA_DIR}. */
    public static final String DB_URL = "hub.db.url";
    public static final String DB_USER = "hub.db.user";
    public static final String DB_PASSWORD = "hub.db.password";
    /** Maximum connections in the store's pool. */
    public static final String DB_POOL_SIZE = "hub.db.pool-size";
    /** How often (ms) the hub tries again to reach and migrate a store that was not reachable at start. */
    public static final String DB_MIGRATE_RETRY_INTERVAL = "hub.db.migrate-retry-interval";
    /** Route ids or patterns (comma-separated) left out of Camel's Micrometer route meters. */
    public static final String METRICS_ROUTE_POLICY_EXCLUDE = "hub.metrics.route-policy-exclude";
    /** The asset master data file (CSV, see docs/ingest.md). */
    public static final String ASSETS_FILE = "hub.assets.file";
    /** Rows per JDBC batch when the store writes observations. */
    public static final String INGEST_BATCH_SIZE = "hub.ingest.batch-size";
    /** When true, an observation of an asset that is not in the master data goes to the quarantine. */
    public static final String INGEST_REQUIRE_KNOWN_ASSET = "hub.ingest.require-known-asset";
    /**
     * Counter series whose last reading the counter check keeps in memory (0: always ask the store). Forced to 0
     * when several instances may write the same series (shared MQTT group, clustered scheduler, shared file lock).
     */
    public static final String INGEST_COUNTER_CACHE_SIZE = "hub.ingest.counter-cache-size";
    /** How far in the future an observation's start may lie (ISO-8601 duration). */
    public static final String PLAUSIBILITY_MAX_FUTURE = "hub.plausibility.max-future";
    /** The earliest plausible observation time (ISO-8601 instant). */
    public static final String PLAUSIBILITY_EARLIEST = "hub.plausibility.earliest";
    /** Overrides of the value range per quantity: {@code temperature=-40..60;level=0..25}. */
    public static final String PLAUSIBILITY_RANGES = "hub.plausibility.ranges";

    /** Redeliveries of a transient failure before it goes back to the source. */
    public static final String RETRY_MAX_ATTEMPTS = "hub.retry.max-attempts";
    /** First redelivery delay in milliseconds; doubles on each attempt. */
    public static final String RETRY_INITIAL_DELAY = "hub.retry.initial-delay";
    /** Cap of the redelivery delay in milliseconds. */
    public static final String RETRY_MAX_DELAY = "hub.retry.max-delay";

    /** true: quartz: routes use a clustered JDBC job store in the hub's database (several instances, one firing). */
    public static final String SCHEDULER_CLUSTERED = "hub.scheduler.clustered";
    /** How often (ms) a clustered instance checks in; a silent instance's jobs are taken over after about twice this. */
    public static final String SCHEDULER_CHECKIN_INTERVAL = "hub.scheduler.cluster-checkin-interval";
    /** Threads that run scheduled jobs. */
    public static final String SCHEDULER_THREADS = "hub.scheduler.threads";

    private final Function<String, Optional<String>> lookup;

    /**
     * @param lookup resolves a key to its configured value (with overrides applied), empty when unset
     */
    public HubSettings(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    public String string(String key, String defaultValue) {
        return lookup.apply(key).map(String::trim).orElse(defaultValue);
    }

    public int integer(String key, int defaultValue) {
        String v = string(key, null);
        if (v == null || v.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("configuration key " + key + ": '" + v + "' is not a whole number", e);
        }
    }

    public boolean bool(String key, boolean defaultValue) {
        String v = string(key, null);
        if (v == null || v.isEmpty()) {
            return defaultValue;
        }
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("configuration key " + key + ": '" + v + "' is not true or false");
        }
        return Boolean.parseBoolean(v);
    }

    public Duration duration(String key, Duration defaultValue) {
        String v = string(key, null);
        if (v == null || v.isEmpty()) {
            return defaultValue;
        }
        try {
            return Duration.parse(v);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("configuration key " + key + ": '" + v
                    + "' is not an ISO-8601 duration such as PT24H", e);
        }
    }

    public Instant instant(String key, Instant defaultValue) {
        String v = string(key, null);
        if (v == null || v.isEmpty()) {
            return defaultValue;
        }
        try {
            return Instant.parse(v);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("configuration key " + key + ": '" + v
                    + "' is not an ISO-8601 instant such as 1990-01-01T00:00:00Z", e);
        }
    }

    /** The data directory, absolute and normalised. */
    public Path dataDir() {
        return Path.of(string(DATA_DIR, "./data")).toAbsolutePath().normalize();
    }
}
