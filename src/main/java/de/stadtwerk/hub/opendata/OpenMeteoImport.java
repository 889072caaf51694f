package de.stadtwerk.hub.opendata;

import de.stadtwerk.hub.model.Asset;
import de.stadtwerk.hub.model.Forecast;
import de.stadtwerk.hub.parse.Attribution;
import de.stadtwerk.hub.parse.openmeteo.OpenMeteoParser;
import de.stadtwerk.hub.parse.openmeteo.OpenMeteoSite;
import de.stadtwerk.hub.parse.openmeteo.OpenMeteoVariable;
import de.stadtwerk.hub.quarantine.BadInputException;
import de.stadtwerk.hub.store.AssetStore;
import de.stadtwerk.hub.store.ForecastStore;
import de.stadtwerk.hub.store.SeriesMetaStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Open-Meteo forecasts for sites configured by lat/lon (bean {@code openMeteoImport}), the second weather source
 * beside MOSMIX: irradiance, wind at 10 m and 100 m, temperature, as forecasts of the site's asset. The answer has
 * no issue time; the fetch time, cut to the hour, is used.
 */
public class OpenMeteoImport {

    /** Lineage of Open-Meteo forecasts. */
    public static final String SOURCE = OpenMeteoParser.DEFAULT_SOURCE;
    static final String ROUTE = "opendata-openmeteo-run";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OpenMeteoImport.class);

    private final OpenDataGateway gateway;
    private final ForecastStore forecasts;
    private final AssetStore assets;
    private final SeriesMetaStore meta;
    private final OpenMeteoParser parser = new OpenMeteoParser();
    private final List<OpenMeteoSite> sites;
    private final String url;
    private final int forecastDays;
    private final long maxBytes;
    private final Duration bodyTimeout;

    public OpenMeteoImport(OpenDataGateway gateway, ForecastStore forecasts, AssetStore assets, SeriesMetaStore meta,
                           List<OpenMeteoSite> sites, String url, int forecastDays, long maxBytes, Duration bodyTimeout) {
        this.gateway = gateway;
        this.forecasts = forecasts;
        this.assets = assets;
        this.meta = meta;
        this.sites = List.copyOf(sites);
        this.url = url;
        this.forecastDays = forecastDays;
        this.maxBytes = maxBytes;
        this.bodyTimeout = bodyTimeout;
    }

    /** Parses {@code assetId:lat:lon;assetId:lat:lon}. */
    public static List<OpenMeteoSite> parseSites(List<String> entries) {
        List<OpenMeteoSite> out = new ArrayList<>();
        for (String e : entries) {
            String[] p = e.split(":");
            try {
                if (p.length != 3) {
                    throw new NumberFormatException();
                }
                out.add(new OpenMeteoSite(p[0].trim(), Double.parseDouble(p[1].trim()), Double.parseDouble(p[2].trim())));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("configuration key " + OpenDataSettings.OPENMETEO_SITES + ": '" + e
                        + "' is not assetId:lat:lon (e.g. om-muenster:51.9607:7.6261)");
            }
        }
        return out;
    }

    /** One request per site. */
    public List<OpenDataRequest> requests() {
        String hourly = OpenMeteoVariable.DEFAULTS.stream().map(v -> v.names().get(0)).collect(Collectors.joining(","));
        return sites.stream().map(s -> new OpenDataRequest(SOURCE, ROUTE,
                url + (url.contains("?") ? "&" : "?") + String.format(Locale.ROOT,
                        "latitude=%.4f&longitude=%.4f&hourly=%s&timezone=GMT&forecast_days=%d", s.lat(), s.lon(), hourly,
                        forecastDays),
                "open-meteo/forecast_" + s.assetId() + ".json", s, maxBytes, false, false, bodyTimeout)).toList();
    }

    /** Parses the answer and writes its forecasts; a malformed answer is quarantined. */
    public int importAnswer(OpenDataAnswer answer) {
        OpenMeteoSite site = answer.request().subject(OpenMeteoSite.class);
        Instant issuedAt = answer.fetchedAt().truncatedTo(ChronoUnit.HOURS);
        List<Forecast> values;
        try (InputStream in = answer.openBody()) {
            values = parser.forecasts(in, site, issuedAt);
        } catch (BadInputException e) {
            gateway.reject(answer, e.getMessage());
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assets.upsert(List.of(new AssetStore.Entry(new Asset(site.assetId(), "Open-Meteo " + site.assetId(),
                "weather_point", site.lat(), site.lon(), null, null, null, Map.of()), null, null, null, SOURCE,
                Attribution.OPEN_METEO.line(), Attribution.OPEN_METEO.licenceId())));
        forecasts.write(values);
        meta.record(values.stream().map(Forecast::seriesId).collect(Collectors.toSet()), Attribution.OPEN_METEO, SOURCE);
        gateway.imported(answer);
        LOG.info("Open-Meteo site {}: {} forecasts written", site.assetId(), values.size());
        return values.size();
    }
}
