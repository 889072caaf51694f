package de.stadtwerk.hub.publish.export;

/**
 * The configuration keys of the open-data exports ({@code hub.export.*}); each is documented with its default in
 * {@code config/application.properties}. Secrets (the CKAN API token, the SensorThings password) come from the
 * environment ({@code HUB_EXPORT_CKAN_API_TOKEN}, {@code HUB_EXPORT_SENSORTHINGS_PASSWORD}).
 */
public final class ExportSettings {

    /** Attempts per request to a push target when it is down (5xx, 429, refused, timeout) before the batch is parked. */
    public static final String RETRY_MAX_ATTEMPTS = "hub.export.retry.max-attempts";
    /** First back-off between attempts (ms); doubles per attempt. */
    public static final String RETRY_INITIAL_DELAY = "hub.export.retry.initial-delay";
    /** Cap of the back-off (ms). */
    public static final String RETRY_MAX_DELAY = "hub.export.retry.max-delay";
    /** Connect timeout of the export HTTP client (ISO-8601 duration). */
    public static final String CONNECT_TIMEOUT = "hub.export.connect-timeout";
    /** Timeout of one request, including an upload (ISO-8601 duration). */
    public static final String REQUEST_TIMEOUT = "hub.export.request-timeout";
    /** User-Agent of the export requests. */
    public static final String USER_AGENT = "hub.export.user-agent";

    /** true: the CKAN export runs on its cron; false: the route starts and does nothing. */
    public static final String CKAN_ENABLED = "hub.export.ckan.enabled";
    /** Hosts the exports may send to (comma-separated; blank: the hosts of the CKAN and SensorThings URLs). */
    public static final String ALLOWED_HOSTS = "hub.export.allowed-hosts";
    /** Base URL of the CKAN portal (the action API is {@code <url>/api/3/action/…}). */
    public static final String CKAN_URL = "hub.export.ckan.url";
    /** CKAN API token (sent as the Authorization header); from the environment, never logged. */
    public static final String CKAN_API_TOKEN = "hub.export.ckan.api-token";
    /** The datasets to publish: metadata and which feeds become their resources (YAML). */
    public static final String CKAN_DATASETS_FILE = "hub.export.ckan.datasets-file";

    /** true: the SensorThings push runs on its cron; false: the route starts and does nothing. */
    public static final String STA_ENABLED = "hub.export.sensorthings.enabled";
    /** Base URL of the SensorThings API v1.1 service root, e.g. {@code https://frost.example/FROST-Server/v1.1}. */
    public static final String STA_URL = "hub.export.sensorthings.url";
    /** Basic-auth user of the SensorThings server; blank: no authentication. */
    public static final String STA_USERNAME = "hub.export.sensorthings.username";
    /** Basic-auth password (from the environment). */
    public static final String STA_PASSWORD = "hub.export.sensorthings.password";
    /** Quantities whose series are pushed, comma-separated; blank: all. */
    public static final String STA_QUANTITIES = "hub.export.sensorthings.quantities";
    /** Asset kinds whose series are pushed, comma-separated; blank: all. */
    public static final String STA_ASSET_KINDS = "hub.export.sensorthings.asset-kinds";
    /** Observations per batch (one request, one watermark step). */
    public static final String STA_BATCH_SIZE = "hub.export.sensorthings.batch-size";
    /** Batches per series and run at most. */
    public static final String STA_MAX_BATCHES = "hub.export.sensorthings.max-batches-per-run";
    /** Where a series without watermark starts: an ISO-8601 duration before now (P7D) or an instant. */
    public static final String STA_START = "hub.export.sensorthings.start";

    private ExportSettings() {
    }
}
