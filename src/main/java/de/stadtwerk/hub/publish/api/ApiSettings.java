package de.stadtwerk.hub.publish.api;

import de.stadtwerk.hub.support.HubSettings;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The partner API's configuration keys ({@code hub.api.*}) with their defaults; every key is documented in
 * {@code config/application.properties} and can be overridden by {@code -D} or an environment variable.
 */
public final class ApiSettings {

    /** Partners, their key hashes and grants (YAML). */
    public static final String PARTNERS_FILE = "hub.api.partners-file";
    /** The dataset catalogue (YAML): id, title, licence, attribution, public, what it contains. */
    public static final String DATASETS_FILE = "hub.api.datasets-file";
    /** SHA-256 (hex) of an admin key given by the operator; blank: keys in the database, bootstrapped on first start. */
    public static final String ADMIN_KEY_HASH = "hub.api.admin-key-hash";
    /** Requests per minute per API key (token bucket refill), unless the partner sets its own. */
    public static final String RATE_PER_MINUTE = "hub.api.rate-limit.per-minute";
    /** Requests a key may send at once before the per-minute rate applies (bucket size). */
    public static final String RATE_BURST = "hub.api.rate-limit.burst";
    /** Requests per minute per client address without a key, and for failed authentications. */
    public static final String RATE_ANONYMOUS_PER_MINUTE = "hub.api.rate-limit.anonymous-per-minute";
    /** Where requests are counted: {@code memory} (per instance) or {@code database} (shared by all instances). */
    public static final String RATE_STORE = "hub.api.rate-limit.store";
    /** Window length of the database rate limit (ISO-8601, at least 1 s). */
    public static final String RATE_WINDOW = "hub.api.rate-limit.window";
    /** Longest time range of a request for raw values (ISO-8601 duration). */
    public static final String MAX_RANGE_RAW = "hub.api.max-range-raw";
    /** Longest time range of a request for aggregated values (ISO-8601 duration). */
    public static final String MAX_RANGE_AGGREGATED = "hub.api.max-range-aggregated";
    /** Most values one response carries. */
    public static final String MAX_POINTS = "hub.api.max-points";
    /** Items per page of a list when the request does not say. */
    public static final String PAGE_SIZE = "hub.api.page-size";
    /** Most items per page a request may ask for. */
    public static final String MAX_PAGE_SIZE = "hub.api.max-page-size";
    /** Largest request body (bytes) of the API's write operations; larger gets 413. */
    public static final String MAX_WRITE_BODY = "hub.api.max-write-body";
    /** Responses from this size (bytes) on are gzip-compressed when the client accepts it. */
    public static final String GZIP_MIN_SIZE = "hub.api.gzip-min-size";
    /** How long the keys read from the database are cached (a revocation on another instance takes this long). */
    public static final String KEY_CACHE_TTL = "hub.api.key-cache-ttl";
    /** Time zone of local days and of the times in responses when a request does not name one. */
    public static final String DEFAULT_TIME_ZONE = "hub.api.default-time-zone";

    final String partnersFile;
    final String datasetsFile;
    final String adminKeyHash;
    final int ratePerMinute;
    final int rateBurst;
    final int anonymousPerMinute;
    final boolean rateInDatabase;
    final Duration rateWindow;
    final Duration maxRangeRaw;
    final Duration maxRangeAggregated;
    final int maxPoints;
    final int pageSize;
    final int maxPageSize;
    final int maxWriteBody;
    final int gzipMinSize;
    final Duration keyCacheTtl;
    final ZoneId defaultZone;

    public ApiSettings(HubSettings s) {
        partnersFile = s.string(PARTNERS_FILE, "config/partners.yaml");
        datasetsFile = s.string(DATASETS_FILE, "config/datasets.yaml");
        adminKeyHash = s.string(ADMIN_KEY_HASH, "").toLowerCase(java.util.Locale.ROOT);
        ratePerMinute = positive(s, RATE_PER_MINUTE, 600);
        rateBurst = positive(s, RATE_BURST, 100);
        anonymousPerMinute = positive(s, RATE_ANONYMOUS_PER_MINUTE, 60);
        String store = s.string(RATE_STORE, "memory").trim().toLowerCase(java.util.Locale.ROOT);
        if (!store.equals("memory") && !store.equals("database")) {
            throw new IllegalArgumentException("configuration key " + RATE_STORE + " must be memory or database, was '"
                    + store + "'");
        }
        rateInDatabase = store.equals("database");
        rateWindow = s.duration(RATE_WINDOW, Duration.ofMinutes(1));
        if (rateWindow.toMillis() < 1000) {
            throw new IllegalArgumentException("configuration key " + RATE_WINDOW + " must be at least PT1S, was "
                    + rateWindow);
        }
        maxRangeRaw = s.duration(MAX_RANGE_RAW, Duration.ofDays(31));
        maxRangeAggregated = s.duration(MAX_RANGE_AGGREGATED, Duration.ofDays(1096));
        maxPoints = positive(s, MAX_POINTS, 50_000);
        pageSize = positive(s, PAGE_SIZE, 100);
        maxPageSize = positive(s, MAX_PAGE_SIZE, 1000);
        maxWriteBody = positive(s, MAX_WRITE_BODY, 16_384);
        gzipMinSize = s.integer(GZIP_MIN_SIZE, 1024);
        keyCacheTtl = s.duration(KEY_CACHE_TTL, Duration.ofSeconds(10));
        String zone = s.string(DEFAULT_TIME_ZONE, "Europe/Berlin");
        try {
            defaultZone = ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("configuration key " + DEFAULT_TIME_ZONE + ": '" + zone
                    + "' is not a time zone such as Europe/Berlin", e);
        }
        if (!adminKeyHash.isEmpty() && !adminKeyHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("configuration key " + ADMIN_KEY_HASH
                    + " must be the SHA-256 of the admin key as 64 hex digits (see docs/partner-api.md)");
        }
    }

    private static int positive(HubSettings s, String key, int def) {
        int v = s.integer(key, def);
        if (v < 1) {
            throw new IllegalArgumentException("configuration key " + key + " must be at least 1, was " + v);
        }
        return v;
    }
}
