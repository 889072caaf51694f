package de.stadtwerk.hub.opendata;

import static de.stadtwerk.hub.opendata.OpenDataSettings.*;

import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.store.AssetStore;
import de.stadtwerk.hub.store.DatasetCatalogue;
import de.stadtwerk.hub.store.ForecastStore;
import de.stadtwerk.hub.store.SeriesMetaStore;
import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.support.HubSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Resilience4jConfigurationDefinition;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the beans of the open-data routes (after {@code support.HubBeans}, whose store they use): {@code openData}
 * (the gateway), {@code opendataCircuitBreaker} (the Resilience4j configuration every open-data circuit breaker
 * refers to), {@code mosmixImport}, {@code smardImport}, {@code openMeteoImport}, {@code mastrImport},
 * {@code ckanHarvest}, and the stores {@code assetStore}, {@code seriesMetaStore}, {@code datasetCatalogue}.
 */
public class OpenDataBeans implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(OpenDataBeans.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        HubSettings s = new HubSettings(key -> context.getPropertiesComponent().resolveProperty(key));
        Registry registry = context.getRegistry();
        StoreDatabase db = registry.lookupByNameAndType("storeDatabase", StoreDatabase.class);
        if (db == null) {
            throw new IllegalStateException("OpenDataBeans needs the store of support.HubBeans: list HubBeans first in"
                    + " camel.main.configuration-classes");
        }
        QuarantineStore quarantine = registry.lookupByNameAndType("quarantineStore", QuarantineStore.class);
        ForecastStore forecasts = registry.lookupByNameAndType("forecastStore", ForecastStore.class);
        Clock clock = Clock.systemUTC();

        FetchCache cache = new FetchCache(db.dataSource(), db.dialect(), clock);
        String mode = s.string(MODE, "replay").toLowerCase(java.util.Locale.ROOT);
        OpenDataClient client;
        if (mode.equals("live")) {
            SourceUrlGuard guard = urlGuard(s, context);
            LOG.info("Open data: fetching only from the hosts {} (hub.opendata.allowed-hosts)", guard.allowedHosts());
            PoliteHttpClient http = new PoliteHttpClient(new PoliteHttpClient.Policy(
                    s.string(USER_AGENT, "StadtwerkHub/0.1"),
                    s.duration(CONNECT_TIMEOUT, Duration.ofSeconds(10)),
                    s.duration(REQUEST_TIMEOUT, Duration.ofSeconds(60)),
                    s.integer(RETRY_MAX_ATTEMPTS, 3),
                    s.duration(RETRY_INITIAL_DELAY, Duration.ofSeconds(5)),
                    s.duration(RETRY_MAX_DELAY, Duration.ofMinutes(1)),
                    s.duration(RETRY_MAX_RETRY_AFTER, Duration.ofMinutes(5)),
                    s.dataDir().resolve("opendata").resolve("downloads")), guard, cache, clock,
                    d -> Thread.sleep(d.toMillis()));
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    http.close();
                }
            });
            client = http;
        } else if (mode.equals("replay")) {
            String dir = s.string(REPLAY_DIR, "");
            client = new ReplaySource(cache, dir.isEmpty() ? null : Path.of(dir), clock);
        } else {
            throw new IllegalArgumentException("configuration key " + MODE + ": '" + mode + "' is not live or replay");
        }
        LOG.info("Open data: mode {}", mode);
        OpenDataGateway gateway = new OpenDataGateway(client, cache, quarantine, clock, mode);

        AssetStore assets = new AssetStore(db.dataSource(), db.dialect(), clock);
        SeriesMetaStore meta = new SeriesMetaStore(db.dataSource(), db.dialect(), clock);
        DatasetCatalogue catalogue = new DatasetCatalogue(db.dataSource(), db.dialect(), clock);
        long maxBytes = longValue(s, MAX_BODY_BYTES, 50L * 1024 * 1024);
        Duration bodyTimeout = s.duration(BODY_TIMEOUT, Duration.ofMinutes(5));

        registry.bind("openData", gateway);
        registry.bind("opendataCircuitBreaker", circuitBreaker(s));
        registry.bind("assetStore", assets);
        registry.bind("seriesMetaStore", meta);
        registry.bind("datasetCatalogue", catalogue);
        registry.bind("mosmixImport", new MosmixImport(gateway, forecasts, assets, meta, list(s, MOSMIX_STATIONS, ","),
                s.string(MOSMIX_URL, ""), maxBytes, bodyTimeout));
        registry.bind("smardImport", new SmardImport(gateway, meta,
                list(s, SMARD_FILTERS, ",").stream().map(OpenDataBeans::filterId).toList(),
                list(s, SMARD_REGIONS, ","), s.string(SMARD_RESOLUTION, "hour"), s.integer(SMARD_CHUNKS, 2),
                s.string(SMARD_URL, ""), maxBytes, bodyTimeout, clock));
        registry.bind("openMeteoImport", new OpenMeteoImport(gateway, forecasts, assets, meta,
                OpenMeteoImport.parseSites(list(s, OPENMETEO_SITES, ";")), s.string(OPENMETEO_URL, ""),
                s.integer(OPENMETEO_FORECAST_DAYS, 3), maxBytes, bodyTimeout));
        registry.bind("mastrImport", new MastrImport(gateway, assets, new LinkedHashSet<>(list(s, MASTR_POSTCODES, ",")),
                s.string(MASTR_URL, ""), longValue(s, MASTR_MAX_BYTES, 10L * 1024 * 1024 * 1024),
                s.duration(MASTR_DOWNLOAD_TIMEOUT, Duration.ofHours(2)), clock));
        registry.bind("ckanHarvest", new CkanHarvest(gateway, catalogue, s.string(CKAN_URL, ""),
                list(s, CKAN_QUERIES, ";"), s.integer(CKAN_ROWS, 100), s.integer(CKAN_MAX_PAGES, 10), maxBytes,
                bodyTimeout));
    }

    /**
     * The SSRF guard of the live client: the hosts of {@code hub.opendata.allowed-hosts}, or when blank the hosts of
     * the configured source URLs; the hub's own management and business ports are refused on local addresses.
     */
    static SourceUrlGuard urlGuard(HubSettings s, CamelContext context) {
        List<String> hosts = list(s, ALLOWED_HOSTS, ",");
        if (hosts.isEmpty()) {
            hosts = SourceUrlGuard.hostsOf(List.of(s.string(MOSMIX_URL, ""), s.string(SMARD_URL, ""),
                    s.string(OPENMETEO_URL, ""), s.string(MASTR_URL, ""), s.string(CKAN_URL, "")));
        }
        List<Integer> ports = new ArrayList<>();
        for (String key : List.of("camel.management.port", "camel.server.port")) {
            context.getPropertiesComponent().resolveProperty(key).map(String::trim).filter(v -> v.matches("\\d+"))
                    .map(Integer::valueOf).filter(p -> p > 0).ifPresent(ports::add);
        }
        return new SourceUrlGuard(hosts, ports);
    }

    /** The Resilience4j settings of every open-data circuit breaker (each route has its own breaker). */
    static Resilience4jConfigurationDefinition circuitBreaker(HubSettings s) {
        Resilience4jConfigurationDefinition c = new Resilience4jConfigurationDefinition();
        c.setFailureRateThreshold(String.valueOf(s.integer(BREAKER_FAILURE_RATE, 50)));
        c.setMinimumNumberOfCalls(String.valueOf(s.integer(BREAKER_MINIMUM_CALLS, 3)));
        c.setSlidingWindowSize(String.valueOf(s.integer(BREAKER_WINDOW, 10)));
        c.setWaitDurationInOpenState(String.valueOf(s.integer(BREAKER_OPEN_SECONDS, 600)));
        c.setPermittedNumberOfCallsInHalfOpenState("1");
        c.setAutomaticTransitionFromOpenToHalfOpenEnabled("false");
        return c;
    }

    private static int filterId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("configuration key " + SMARD_FILTERS + ": '" + text
                    + "' is not a SMARD filter id such as 4068");
        }
    }
}
