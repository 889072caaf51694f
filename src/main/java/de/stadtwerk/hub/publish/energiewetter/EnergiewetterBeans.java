package de.stadtwerk.hub.publish.energiewetter;

import de.stadtwerk.hub.forecast.AreaLoad;
import de.stadtwerk.hub.forecast.EnergiewetterService;
import de.stadtwerk.hub.forecast.EnergiewetterSettings;
import de.stadtwerk.hub.forecast.FeedInCalibrator;
import de.stadtwerk.hub.forecast.HourlyMeasurements;
import de.stadtwerk.hub.forecast.PvModel;
import de.stadtwerk.hub.forecast.StandardLoadModel;
import de.stadtwerk.hub.forecast.StoredWeatherSource;
import de.stadtwerk.hub.forecast.WeatherForecastSource;
import de.stadtwerk.hub.store.AggregatePoint;
import de.stadtwerk.hub.store.Aggregation;
import de.stadtwerk.hub.store.ForecastStore;
import de.stadtwerk.hub.store.ObservationStore;
import de.stadtwerk.hub.store.Resolution;
import de.stadtwerk.hub.support.HubSettings;
import de.stadtwerk.hub.transform.AssetRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * Creates the Energiewetter beans from {@code hub.energiewetter.*} (after {@code support.HubBeans}, whose store and
 * asset registry it uses): {@code energiewetter} (the service) and {@code energiewetterPublication} (API, page,
 * clock face, MQTT message).
 */
public class EnergiewetterBeans implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        HubSettings hub = new HubSettings(key -> context.getPropertiesComponent().resolveProperty(key));
        Registry registry = context.getRegistry();
        ForecastStore forecasts = registry.lookupByNameAndType("forecastStore", ForecastStore.class);
        ObservationStore observations = registry.lookupByNameAndType("observationStore", ObservationStore.class);
        AssetRegistry assets = registry.lookupByNameAndType("assetRegistry", AssetRegistry.class);
        if (forecasts == null || observations == null || assets == null) {
            throw new IllegalStateException("EnergiewetterBeans needs the beans of support.HubBeans: list HubBeans first"
                    + " in camel.main.configuration-classes");
        }
        EnergiewetterSettings settings = EnergiewetterConfig.settings(hub);
        int horizon = hub.integer(EnergiewetterConfig.HORIZON_HOURS, 72);
        if (horizon < 1 || horizon > 72) {
            throw new IllegalArgumentException("configuration key " + EnergiewetterConfig.HORIZON_HOURS
                    + ": must be 1..72, got " + horizon);
        }
        double hubHeight = Double.parseDouble(hub.string(EnergiewetterConfig.WIND_HUB_HEIGHT, "100"));
        String areaId = hub.string(EnergiewetterConfig.AREA, "netzgebiet");
        if (!areaId.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("configuration key " + EnergiewetterConfig.AREA
                    + ": '" + areaId + "' must consist of a-z, 0-9 and '-'");
        }
        EnergiewetterService.Options options = new EnergiewetterService.Options(areaId,
                hub.string(EnergiewetterConfig.AREA_NAME, "Netzgebiet"), horizon, hubHeight,
                EnergiewetterConfig.shares(hub.string(EnergiewetterConfig.AREA_SHARES, "")),
                EnergiewetterConfig.list(hub.string(EnergiewetterConfig.PV_REFERENCE_PLANTS, "")),
                EnergiewetterConfig.list(hub.string(EnergiewetterConfig.WIND_REFERENCE_PLANTS, "")),
                StandardLoadModel.BERLIN);
        boolean replay = "replay".equalsIgnoreCase(hub.string(EnergiewetterConfig.OPENDATA_MODE, "replay"));
        WeatherForecastSource weather = new StoredWeatherSource(forecasts,
                hub.string(EnergiewetterConfig.WEATHER_ASSET, "dwd-10315"), replay);
        HourlyMeasurements measurements = (series, from, to) -> hourly(observations, series, from, to);
        AreaLoad load = new AreaLoad(StandardLoadModel.forState(settings.state()), settings.annualKWh(),
                hub.string(EnergiewetterConfig.LOAD_SERIES, ""), measurements,
                hub.integer(EnergiewetterConfig.LOAD_CALIBRATION_DAYS, 28), StandardLoadModel.BERLIN);
        FeedInCalibrator calibrator = new FeedInCalibrator(weather, measurements,
                new PvModel(settings.overcastFraction()), settings, hubHeight);
        EnergiewetterService service = new EnergiewetterService(settings, options, weather, assets::all, load,
                calibrator, forecasts::write, Clock.systemUTC());
        registry.bind("energiewetter", service);
        registry.bind("energiewetterPublication", new EnergiewetterPublication(service, Clock.systemUTC()));
    }

    /** Hourly means of a measured series for forecast calibration: only values a forecast may learn from (B6). */
    static Map<Instant, Double> hourly(ObservationStore store, String series, Instant from, Instant to) {
        Map<Instant, Double> result = new HashMap<>();
        for (AggregatePoint p : store.aggregateForecastInput(series, from, to, Resolution.HOUR, Aggregation.AVG, ZoneOffset.UTC)) {
            result.put(p.start(), p.value());
        }
        return result;
    }
}
