package de.stadtwerk.hub.publish.feed;

import de.stadtwerk.hub.store.ForecastStore;
import de.stadtwerk.hub.store.ObservationStore;
import de.stadtwerk.hub.store.ObservationStream;
import de.stadtwerk.hub.store.SeriesMetaStore;
import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.support.HubSettings;
import de.stadtwerk.hub.transform.AssetRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.DefaultHeaderFilterStrategy;

/**
 * Creates the feed beans from {@code hub.feeds.*} (after {@code support.HubBeans}, whose store it uses):
 * {@code feedCatalogue} (config/feeds.yaml), {@code feedSchedules} (one route per enabled feed from the template
 * in routes/publish/feeds.camel.yaml), {@code feedRunner} (the steps of a run), {@code feedDeliveryLog} and
 * {@code feedDeliveries} (the log and "send again"), {@code observationStream}, {@code feedMailHeaderFilter}.
 */
public class FeedBeans implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        HubSettings hub = new HubSettings(key -> context.getPropertiesComponent().resolveProperty(key));
        Registry registry = context.getRegistry();
        StoreDatabase db = registry.lookupByNameAndType("storeDatabase", StoreDatabase.class);
        ObservationStore observations = registry.lookupByNameAndType("observationStore", ObservationStore.class);
        ForecastStore forecasts = registry.lookupByNameAndType("forecastStore", ForecastStore.class);
        AssetRegistry assets = registry.lookupByNameAndType("assetRegistry", AssetRegistry.class);
        if (db == null || observations == null || forecasts == null || assets == null) {
            throw new IllegalStateException("FeedBeans needs the beans of support.HubBeans: list HubBeans first"
                    + " in camel.main.configuration-classes");
        }
        Clock clock = Clock.systemUTC();
        Path dataDir = hub.dataDir();
        ZoneId zone;
        try {
            zone = ZoneId.of(hub.string(FeedSettings.TIME_ZONE, "Europe/Berlin"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("configuration key " + FeedSettings.TIME_ZONE + ": " + e.getMessage(), e);
        }
        String work = hub.string(FeedSettings.WORK_DIR, "");
        Path workDir = work.isEmpty() ? dataDir.resolve("feeds-work") : Path.of(work).toAbsolutePath().normalize();

        FeedCatalogue catalogue = FeedCatalogue.load(Path.of(hub.string(FeedSettings.FILE, "config/feeds.yaml")));
        ObservationStream stream = new ObservationStream(db.dataSource());
        FeedExporter exporter = new FeedExporter(stream, observations, forecasts,
                new SeriesMetaStore(db.dataSource(), db.dialect(), clock), assets::all, clock);
        FeedDeliveryLog log = new FeedDeliveryLog(db.dataSource(), clock);

        registry.bind("observationStream", stream);
        registry.bind("feedCatalogue", catalogue);
        registry.bind("feedSchedules", new FeedSchedules(catalogue));
        registry.bind("feedExporter", exporter);
        registry.bind("feedDeliveryLog", log);
        registry.bind("feedRunner", new FeedRunner(catalogue, exporter, log, dataDir, workDir, zone));
        // only To, From, Subject … go into the e-mail: none of the run's Hub* headers (paths) nor Camel* headers
        DefaultHeaderFilterStrategy mailHeaders = new DefaultHeaderFilterStrategy();
        mailHeaders.setOutFilterStartsWith("Hub", "Camel", "camel", "org.apache.camel");
        registry.bind("feedMailHeaderFilter", mailHeaders);
        registry.bind("feedDeliveries", new FeedDeliveries(log, catalogue, context.createProducerTemplate()));
    }
}
