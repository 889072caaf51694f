package de.stadtwerk.hub.publish.export;

import de.stadtwerk.hub.publish.export.ckan.CatalogueFeedFiles;
import de.stadtwerk.hub.publish.export.ckan.CkanClient;
import de.stadtwerk.hub.publish.export.ckan.CkanDatasets;
import de.stadtwerk.hub.publish.export.ckan.CkanExport;
import de.stadtwerk.hub.publish.export.sensorthings.SensorThingsPush;
import de.stadtwerk.hub.publish.export.sensorthings.StaClient;
import de.stadtwerk.hub.publish.export.sensorthings.StaStore;
import de.stadtwerk.hub.publish.feed.FeedCatalogue;
import de.stadtwerk.hub.publish.feed.FeedExporter;
import de.stadtwerk.hub.publish.feed.FeedSettings;
import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.support.HubSettings;
import de.stadtwerk.hub.transform.AssetRegistry;
import de.stadtwerk.hub.opendata.SourceUrlGuard;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * Creates the open-data export beans from {@code hub.export.*} (after {@code support.HubBeans} and
 * {@code publish.feed.FeedBeans}, whose store, feed catalogue and exporter it uses): {@code ckanExport},
 * {@code sensorThingsPush}, {@code exportDeadLetters} (list and replay parked batches).
 */
public class ExportBeans implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        HubSettings hub = new HubSettings(key -> context.getPropertiesComponent().resolveProperty(key));
        Registry registry = context.getRegistry();
        StoreDatabase db = registry.lookupByNameAndType("storeDatabase", StoreDatabase.class);
        AssetRegistry assets = registry.lookupByNameAndType("assetRegistry", AssetRegistry.class);
        FeedCatalogue feeds = registry.lookupByNameAndType("feedCatalogue", FeedCatalogue.class);
        FeedExporter feedExporter = registry.lookupByNameAndType("feedExporter", FeedExporter.class);
        if (db == null || assets == null || feeds == null || feedExporter == null) {
            throw new IllegalStateException("ExportBeans needs the beans of support.HubBeans and publish.feed.FeedBeans:"
                    + " list them before ExportBeans in camel.main.configuration-classes");
        }
        Clock clock = Clock.systemUTC();
        Retrier retrier = new Retrier(hub.integer(ExportSettings.RETRY_MAX_ATTEMPTS, 5),
                hub.integer(ExportSettings.RETRY_INITIAL_DELAY, 1000), hub.integer(ExportSettings.RETRY_MAX_DELAY, 60_000));
        ExportHttp http = new ExportHttp(hub.duration(ExportSettings.CONNECT_TIMEOUT, Duration.ofSeconds(10)),
                hub.duration(ExportSettings.REQUEST_TIMEOUT, Duration.ofMinutes(2)),
                hub.string(ExportSettings.USER_AGENT, "StadtwerkHub/0.1"), urlGuard(hub, context));
        DeadLetterStore deadLetters = new DeadLetterStore(db.dataSource(), clock);

        ZoneId zone = ZoneId.of(hub.string(FeedSettings.TIME_ZONE, "Europe/Berlin"));
        String work = hub.string(FeedSettings.WORK_DIR, "");
        Path workDir = work.isEmpty() ? hub.dataDir().resolve("feeds-work") : Path.of(work).toAbsolutePath().normalize();
        CatalogueFeedFiles feedFiles = new CatalogueFeedFiles(feeds, feedExporter, workDir, zone);
        boolean ckanOn = hub.bool(ExportSettings.CKAN_ENABLED, false);
        CkanDatasets datasets = ckanOn
                ? CkanDatasets.load(Path.of(hub.string(ExportSettings.CKAN_DATASETS_FILE, "config/ckan-datasets.yaml")),
                        feedFiles::exists)
                : CkanDatasets.none();
        CkanExport ckan = new CkanExport(ckanOn, new CkanClient(http, hub.string(ExportSettings.CKAN_URL, ""),
                hub.string(ExportSettings.CKAN_API_TOKEN, "")), datasets, feedFiles, deadLetters, retrier, clock, zone);

        SensorThingsPush.Selection selection = new SensorThingsPush.Selection(
                set(hub.string(ExportSettings.STA_QUANTITIES, "")), set(hub.string(ExportSettings.STA_ASSET_KINDS, "")),
                hub.integer(ExportSettings.STA_BATCH_SIZE, 1000), hub.integer(ExportSettings.STA_MAX_BATCHES, 10),
                start(hub.string(ExportSettings.STA_START, "P7D")));
        SensorThingsPush sta = new SensorThingsPush(hub.bool(ExportSettings.STA_ENABLED, false),
                new StaClient(http, hub.string(ExportSettings.STA_URL, ""), hub.string(ExportSettings.STA_USERNAME, ""),
                        hub.string(ExportSettings.STA_PASSWORD, "")),
                new StaStore(db.dataSource(), deadLetters, clock), deadLetters, retrier, selection, assets::resolve, clock);

        registry.bind("ckanDatasets", datasets);
        registry.bind("ckanExport", ckan);
        registry.bind("sensorThingsPush", sta);
        registry.bind("exportDeadLetterStore", deadLetters);
        registry.bind("exportDeadLetters", new ExportDeadLetters(deadLetters, List.of(ckan, sta)));
    }

    /**
     * The push targets' allow-list: {@code hub.export.allowed-hosts}, or when blank the hosts of the configured CKAN
     * and SensorThings URLs; link-local addresses and the hub's own ports are refused as for the open-data sources.
     */
    static SourceUrlGuard urlGuard(HubSettings hub, CamelContext context) {
        List<String> hosts = Arrays.stream(hub.string(ExportSettings.ALLOWED_HOSTS, "").split(","))
                .map(String::trim).filter(h -> !h.isEmpty()).toList();
        if (hosts.isEmpty()) {
            hosts = SourceUrlGuard.hostsOf(List.of(hub.string(ExportSettings.CKAN_URL, ""),
                    hub.string(ExportSettings.STA_URL, "")));
        }
        List<Integer> ports = new ArrayList<>();
        for (String key : List.of("camel.management.port", "camel.server.port")) {
            context.getPropertiesComponent().resolveProperty(key).map(String::trim).filter(v -> v.matches("\\d+"))
                    .map(Integer::valueOf).filter(p -> p > 0).ifPresent(ports::add);
        }
        return new SourceUrlGuard(hosts, ports, InetAddress::getAllByName, ExportSettings.ALLOWED_HOSTS);
    }

    /** {@code P7D}: that long before now; an ISO instant: from then. */
    static Function<Instant, Instant> start(String value) {
        String v = value.trim();
        try {
            if (v.startsWith("P") || v.startsWith("p")) {
                Duration d = Duration.parse(v);
                return now -> now.minus(d);
            }
            Instant fixed = Instant.parse(v);
            return now -> fixed;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("configuration key " + ExportSettings.STA_START + ": '" + value
                    + "' is neither an ISO-8601 duration (P7D) nor an instant (2024-01-01T00:00:00Z)", e);
        }
    }

    private static Set<String> set(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
