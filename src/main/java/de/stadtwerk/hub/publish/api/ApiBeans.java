package de.stadtwerk.hub.publish.api;

import de.stadtwerk.hub.store.CatalogueQueries;
import de.stadtwerk.hub.store.SeriesMetaStore;
import de.stadtwerk.hub.store.ForecastStore;
import de.stadtwerk.hub.store.ObservationStore;
import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.support.HubSettings;
import de.stadtwerk.hub.transform.AssetRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partner API's beans (listed after {@code HubBeans} in {@code camel.main.configuration-classes}):
 * {@code partnerApi} (the handler the route calls), {@code apiKeys}, {@code apiDirectory}, {@code apiAccess} (also used
 * by the operator console to check the admin key), and the platform-http
 * engine that serves on the business port. On start, the admin key is bootstrapped when none is configured
 * ({@link AdminKeyBootstrap}); while the store is not reachable this is tried again in the background.
 */
public class ApiBeans implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ApiBeans.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        HubSettings hub = registry.lookupByNameAndType("hubSettings", HubSettings.class);
        StoreDatabase db = registry.lookupByNameAndType("storeDatabase", StoreDatabase.class);
        ObservationStore observations = registry.lookupByNameAndType("observationStore", ObservationStore.class);
        ForecastStore forecasts = registry.lookupByNameAndType("forecastStore", ForecastStore.class);
        AssetRegistry assets = registry.lookupByNameAndType("assetRegistry", AssetRegistry.class);
        if (hub == null || db == null || assets == null) {
            throw new IllegalStateException("ApiBeans needs the beans of HubBeans: list de.stadtwerk.hub.support.HubBeans"
                    + " first in camel.main.configuration-classes");
        }
        ApiSettings settings = new ApiSettings(hub);
        Clock clock = Clock.systemUTC();

        int port = hub.integer("camel.server.port", 8080);
        boolean serverEnabled = hub.bool("camel.server.enabled", false);
        registry.bind("platform-http-engine", new BusinessPortHttpEngine(port, serverEnabled));

        ApiDirectory directory = new ApiDirectory(Path.of(settings.partnersFile), Path.of(settings.datasetsFile), clock);
        ApiKeys keys = new ApiKeys(db.dataSource(), clock, settings.keyCacheTtl);
        RateLimiter limiter = settings.rateInDatabase
                ? new DatabaseRateLimiter(db.dataSource(), clock, settings.rateWindow) : new RateLimiter(clock);
        Access access = new Access(directory, keys, assets, limiter, settings);
        DataResources data = new DataResources(access, directory, new CatalogueQueries(db.dataSource()), observations,
                forecasts, settings, new SeriesMetaStore(db.dataSource(), db.dialect(), clock));
        registry.bind("apiDirectory", directory);
        registry.bind("apiKeys", keys);
        registry.bind("apiAccess", access);
        registry.bind("partnerApi", new PartnerApi(access, data, new AdminResources(keys, directory, settings, clock),
                new ApiDocs(), settings, limiter));

        if (serverEnabled) {
            context.addStartupListener((ctx, alreadyStarted) -> HttpErrorPages.install(ctx, port));
        }

        AdminKeyBootstrap bootstrap = new AdminKeyBootstrap(keys, hub.dataDir(), !settings.adminKeyHash.isEmpty());
        ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hub-api-admin-key");
            t.setDaemon(true);
            return t;
        });
        long interval = Math.max(100, hub.integer(HubSettings.DB_MIGRATE_RETRY_INTERVAL, 5000));
        retry.execute(new Runnable() {
            @Override
            public void run() {
                try {
                    bootstrap.run();
                } catch (RuntimeException e) {
                    LOG.debug("Admin key bootstrap waits for the store: {}", e.getMessage());
                    retry.schedule(this, interval, TimeUnit.MILLISECONDS);
                }
            }
        });
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                retry.shutdownNow();
            }
        });
    }
}
