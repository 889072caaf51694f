package de.stadtwerk.hub.opendata;

import de.stadtwerk.hub.support.HubSettings;
import java.util.Arrays;
import java.util.List;

/**
 * The configuration keys of the open-data routes ({@code hub.opendata.*}), documented with their defaults in
 * {@code config/application.properties} and docs/opendata.md. Cron keys are read by the route files, the rest here.
 */
public final class OpenDataSettings {

    /** {@code replay} (recordings shipped with the hub, offline; the embedded default) or {@code live}. */
    public static final String MODE = "hub.opendata.mode";
    /** Folder with recordings that replace the shipped ones in replay mode; blank = the shipped ones. */
    public static final String REPLAY_DIR = "hub.opendata.replay.dir";
    /** User-Agent of every request: who asks and how to reach them. */
    public static final String USER_AGENT = "hub.opendata.user-agent";
    /** Connect timeout (ISO-8601 duration). */
    public static final String CONNECT_TIMEOUT = "hub.opendata.connect-timeout";
    /** Time until the response headers arrive (ISO-8601 duration). */
    public static final String REQUEST_TIMEOUT = "hub.opendata.request-timeout";
    /** Time reading a body may take (ISO-8601 duration); MaStR has its own. */
    public static final String BODY_TIMEOUT = "hub.opendata.body-timeout";
    /** Largest answer held in memory (bytes); a larger answer is quarantined. */
    public static final String MAX_BODY_BYTES = "hub.opendata.max-body-bytes";
    /** Attempts per fetch on 5xx, 429, timeouts and broken connections (1 = no retry). */
    public static final String RETRY_MAX_ATTEMPTS = "hub.opendata.retry.max-attempts";
    /** First back-off between attempts (ISO-8601 duration); doubles per attempt. */
    public static final String RETRY_INITIAL_DELAY = "hub.opendata.retry.initial-delay";
    /** Cap of the back-off (ISO-8601 duration). */
    public static final String RETRY_MAX_DELAY = "hub.opendata.retry.max-delay";
    /** The longest Retry-After the hub waits for; a portal asking for longer is treated as unavailable. */
    public static final String RETRY_MAX_RETRY_AFTER = "hub.opendata.retry.max-retry-after";
    /**
     * Hosts the live client may fetch from (comma-separated names, IP literals or {@code *.domain}); blank = the hosts
     * of the configured source URLs. Redirects to other hosts, link-local addresses and the hub's own ports are
     * refused before connecting.
     */
    public static final String ALLOWED_HOSTS = "hub.opendata.allowed-hosts";
    /** Circuit breaker: failure rate in percent at which it opens. */
    public static final String BREAKER_FAILURE_RATE = "hub.opendata.breaker.failure-rate";
    /** Circuit breaker: calls it needs before it judges the failure rate. */
    public static final String BREAKER_MINIMUM_CALLS = "hub.opendata.breaker.minimum-calls";
    /** Circuit breaker: how many of the last calls it looks at. */
    public static final String BREAKER_WINDOW = "hub.opendata.breaker.window";
    /** Circuit breaker: how long it stays open before it lets a trial call through (seconds). */
    public static final String BREAKER_OPEN_SECONDS = "hub.opendata.breaker.open-seconds";

    /** MOSMIX stations (comma-separated ids, e.g. {@code P0036,10315}). */
    public static final String MOSMIX_STATIONS = "hub.opendata.mosmix.stations";
    /** MOSMIX single-station KMZ URL; {@code {station}} is replaced by the station id. */
    public static final String MOSMIX_URL = "hub.opendata.mosmix.url";
    /** SMARD chart-data base URL. */
    public static final String SMARD_URL = "hub.opendata.smard.url";
    /** SMARD filters (comma-separated ids, e.g. {@code 4068,4067,410}). */
    public static final String SMARD_FILTERS = "hub.opendata.smard.filters";
    /** SMARD regions (comma-separated, e.g. {@code DE,50Hertz}). */
    public static final String SMARD_REGIONS = "hub.opendata.smard.regions";
    /** SMARD resolution ({@code quarterhour}, {@code hour} …). */
    public static final String SMARD_RESOLUTION = "hub.opendata.smard.resolution";
    /** How many of the newest weekly files of each series are fetched per run. */
    public static final String SMARD_CHUNKS = "hub.opendata.smard.chunks";
    /** Open-Meteo forecast URL. */
    public static final String OPENMETEO_URL = "hub.opendata.openmeteo.url";
    /** Open-Meteo sites: {@code assetId:lat:lon;assetId:lat:lon}. */
    public static final String OPENMETEO_SITES = "hub.opendata.openmeteo.sites";
    /** Open-Meteo forecast days. */
    public static final String OPENMETEO_FORECAST_DAYS = "hub.opendata.openmeteo.forecast-days";
    /** MaStR export URL (the Gesamtdatenexport zip); {@code {date}} is replaced by today, yyyyMMdd. */
    public static final String MASTR_URL = "hub.opendata.mastr.url";
    /** MaStR postcodes whose PV and wind units are imported (comma-separated); empty switches the import off. */
    public static final String MASTR_POSTCODES = "hub.opendata.mastr.postcodes";
    /** Largest MaStR export downloaded (bytes). */
    public static final String MASTR_MAX_BYTES = "hub.opendata.mastr.max-bytes";
    /** Time the MaStR download may take (ISO-8601 duration). */
    public static final String MASTR_DOWNLOAD_TIMEOUT = "hub.opendata.mastr.download-timeout";
    /** CKAN portal base URL. */
    public static final String CKAN_URL = "hub.opendata.ckan.url";
    /** CKAN search queries ({@code q} of package_search), separated by {@code ;}. */
    public static final String CKAN_QUERIES = "hub.opendata.ckan.queries";
    /** CKAN datasets per page. */
    public static final String CKAN_ROWS = "hub.opendata.ckan.rows";
    /** CKAN pages per query at most. */
    public static final String CKAN_MAX_PAGES = "hub.opendata.ckan.max-pages";

    private OpenDataSettings() {
    }

    /** Splits a list value at {@code separator}, trimmed, blanks dropped. */
    public static List<String> list(HubSettings settings, String key, String separator) {
        return Arrays.stream(settings.string(key, "").split(java.util.regex.Pattern.quote(separator)))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A long value (bytes). */
    public static long longValue(HubSettings settings, String key, long defaultValue) {
        String v = settings.string(key, "");
        try {
            return v.isEmpty() ? defaultValue : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("configuration key " + key + ": '" + v + "' is not a whole number", e);
        }
    }
}
