package de.stadtwerk.hub.support;

import de.stadtwerk.hub.field.mqtt.MqttSettings;
import de.stadtwerk.hub.ingest.FlagReporter;
import de.stadtwerk.hub.ingest.IngestPipeline;
import de.stadtwerk.hub.quarantine.QuarantineHandler;
import de.stadtwerk.hub.quarantine.QuarantineReplayer;
import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.store.ForecastStore;
import de.stadtwerk.hub.store.ObservationStore;
import de.stadtwerk.hub.store.SeriesRegistry;
import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.transform.AssetRegistry;
import de.stadtwerk.hub.transform.CounterCheck;
import de.stadtwerk.hub.transform.ObservationNormaliser;
import de.stadtwerk.hub.transform.Plausibility;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Creates the hub's beans from configuration and binds them in the registry under the names the route files
 * use: {@code observationStore}, {@code forecastStore}, {@code quarantineStore}, {@code quarantine} (error-handling bean),
 * {@code quarantineReplayer}, {@code ingestPipeline}, {@code assetRegistry}. The store is migrated here, before
 * any route starts; when the database cannot be reached, the hub starts anyway with readiness DOWN and migrates
 * as soon as it can (see {@link StoreMigration}).
 */
public class HubBeans implements CamelConfiguration {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HubBeans.class);

    /** Exponential back-off for transient failures, from hub.retry.*; used by routes/error-handling.camel.yaml. */
    static RedeliveryPolicy redeliveryPolicy(HubSettings settings) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(settings.integer(HubSettings.RETRY_MAX_ATTEMPTS, 5));
        policy.setRedeliveryDelay(settings.integer(HubSettings.RETRY_INITIAL_DELAY, 1000));
        policy.setMaximumRedeliveryDelay(settings.integer(HubSettings.RETRY_MAX_DELAY, 60_000));
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(2);
        policy.setRetryAttemptedLogLevel(LoggingLevel.WARN);
        policy.setRetriesExhaustedLogLevel(LoggingLevel.ERROR);
        return policy;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        HubSettings settings = new HubSettings(key -> context.getPropertiesComponent().resolveProperty(key));
        Path dataDir = settings.dataDir();
        Clock clock = Clock.systemUTC();
        // before any route is created (Camel Main adds its Micrometer route policy factory before this class runs)
        RouteMetricsExclusion.apply(context, settings.string(HubSettings.METRICS_ROUTE_POLICY_EXCLUDE, ""));

        StoreDatabase db = StoreDatabase.open(settings.string(HubSettings.DB_URL, ""),
                settings.string(HubSettings.DB_USER, ""), settings.string(HubSettings.DB_PASSWORD, ""),
                settings.integer(HubSettings.DB_POOL_SIZE, 8), dataDir);
        StoreHealthCheck storeHealth = new StoreHealthCheck(db.dataSource());
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(storeHealth);
        }
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                db.close();
            }
        });
        new StoreMigration(db, storeHealth, settings.integer(HubSettings.DB_MIGRATE_RETRY_INTERVAL, 5000)).start();

        QuarantineStore quarantineStore = new QuarantineStore(db.dataSource(), clock);
        int batchSize = settings.integer(HubSettings.INGEST_BATCH_SIZE, 1000);
        SeriesRegistry series = new SeriesRegistry(db.dialect(), clock);
        ObservationStore store = new ObservationStore(db.dataSource(), db.dialect(), series, quarantineStore, clock, batchSize);
        ForecastStore forecasts = new ForecastStore(db.dataSource(), db.dialect(), series, batchSize);
        AssetRegistry assets = new AssetRegistry(Path.of(settings.string(HubSettings.ASSETS_FILE, "config/assets.csv")));
        assets.reloadIfChanged();
        Plausibility plausibility = new Plausibility(
                settings.duration(HubSettings.PLAUSIBILITY_MAX_FUTURE, Duration.ofDays(1)),
                settings.instant(HubSettings.PLAUSIBILITY_EARLIEST, Instant.parse("1990-01-01T00:00:00Z")),
                Plausibility.parseRanges(settings.string(HubSettings.PLAUSIBILITY_RANGES, "")));
        ObservationNormaliser normaliser = new ObservationNormaliser(assets, plausibility,
                settings.bool(HubSettings.INGEST_REQUIRE_KNOWN_ASSET, false));

        if (settings.bool(HubSettings.SCHEDULER_CLUSTERED, false)) {
            QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
            quartz.setScheduler(ClusteredScheduler.create(db.dataSource(), db.dialect(), context.getName(),
                    settings.integer(HubSettings.SCHEDULER_CHECKIN_INTERVAL, 7500),
                    settings.integer(HubSettings.SCHEDULER_THREADS, 5)));
        }

        Registry registry = context.getRegistry();
        registry.bind("hubRedeliveryPolicy", redeliveryPolicy(settings));
        registry.bind("hubSettings", settings);
        registry.bind("storeDatabase", db);
        registry.bind("hubDataSource", db.dataSource());
        registry.bind("observationStore", store);
        registry.bind("forecastStore", forecasts);
        registry.bind("quarantineStore", quarantineStore);
        registry.bind("quarantine", new QuarantineHandler(quarantineStore));
        registry.bind("quarantineReplayer", new QuarantineReplayer(quarantineStore, context.createProducerTemplate()));
        registry.bind("assetRegistry", assets);
        registry.bind("ingestPipeline", new IngestPipeline(normaliser, store, clock,
                new CounterCheck(counterCacheSize(settings)),
                new FlagReporter(() -> registry.findSingleByType(MeterRegistry.class), clock)));
    }

    /**
     * The counter check's cache is only right when this instance is the only writer of its series; with the cluster
     * settings on (docs/cluster.md) it is off and every batch asks the store. A shared subscription alone does not
     * switch it off: one instance with several connections uses one (hub.mqtt.connections), and several instances
     * always run the clustered scheduler (else every instance fires every schedule).
     */
    static int counterCacheSize(HubSettings settings) {
        int size = settings.integer(HubSettings.INGEST_COUNTER_CACHE_SIZE, 10_000);
        boolean clustered = settings.bool(HubSettings.SCHEDULER_CLUSTERED, false)
                || "idempotent-changed".equals(settings.string(de.stadtwerk.hub.legacy.LegacyBeans.READ_LOCK, "changed"));
        if (clustered && size > 0) {
            LOG.info("Counter check: several instances may write the same series (cluster settings on): the last"
                    + " readings are read from the store for every batch, {}=0", HubSettings.INGEST_COUNTER_CACHE_SIZE);
            return 0;
        }
        return size;
    }
}
