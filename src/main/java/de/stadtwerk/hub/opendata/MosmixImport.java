package de.stadtwerk.hub.opendata;

import de.stadtwerk.hub.model.Forecast;
import de.stadtwerk.hub.parse.Attribution;
import de.stadtwerk.hub.parse.mosmix.MosmixDocument;
import de.stadtwerk.hub.parse.mosmix.MosmixParser;
import de.stadtwerk.hub.parse.mosmix.MosmixStation;
import de.stadtwerk.hub.quarantine.BadInputException;
import de.stadtwerk.hub.store.AssetStore;
import de.stadtwerk.hub.store.ForecastStore;
import de.stadtwerk.hub.store.SeriesMetaStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * DWD MOSMIX_L for the configured stations (bean {@code mosmixImport}): one single-station KMZ per station, parsed
 * by {@link MosmixParser} into forecasts of the station's weather asset {@code dwd-<station>}, written to the
 * forecast store; the station becomes an asset; the series get the DWD attribution.
 */
public class MosmixImport {

    /** Lineage of MOSMIX forecasts. */
    public static final String SOURCE = MosmixParser.DEFAULT_SOURCE;
    static final String ROUTE = "opendata-mosmix-run";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MosmixImport.class);

    private final OpenDataGateway gateway;
    private final ForecastStore forecasts;
    private final AssetStore assets;
    private final SeriesMetaStore meta;
    private final List<String> stations;
    private final String urlTemplate;
    private final long maxBytes;
    private final Duration bodyTimeout;

    public MosmixImport(OpenDataGateway gateway, ForecastStore forecasts, AssetStore assets, SeriesMetaStore meta,
                        List<String> stations, String urlTemplate, long maxBytes, Duration bodyTimeout) {
        this.gateway = gateway;
        this.forecasts = forecasts;
        this.assets = assets;
        this.meta = meta;
        this.stations = List.copyOf(stations);
        this.urlTemplate = urlTemplate;
        this.maxBytes = maxBytes;
        this.bodyTimeout = bodyTimeout;
    }

    /** One request per configured station. */
    public List<OpenDataRequest> requests() {
        return stations.stream().map(s -> new OpenDataRequest(SOURCE, ROUTE, urlTemplate.replace("{station}", s),
                "dwd/MOSMIX_L_LATEST_" + s + ".kmz", s, maxBytes, false, false, bodyTimeout)).toList();
    }

    /** Parses the KMZ and writes its forecasts; a malformed answer is quarantined. Returns the forecasts written. */
    public int importAnswer(OpenDataAnswer answer) {
        String station = answer.request().subject(String.class);
        MosmixDocument doc;
        try (InputStream in = answer.openBody()) {
            doc = new MosmixParser(Set.of(station)).parse(in);
        } catch (BadInputException e) {
            gateway.reject(answer, e.getMessage());
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (doc.stations().isEmpty()) {
            gateway.reject(answer, "station " + station + " is not in the MOSMIX answer");
            return 0;
        }
        assets.upsert(doc.stations().stream().map(s -> new AssetStore.Entry(s.toAsset(), null, null, null, SOURCE,
                Attribution.DWD.line(), Attribution.DWD.licenceId())).toList());
        forecasts.write(doc.forecasts());
        meta.record(doc.forecasts().stream().map(Forecast::seriesId).collect(Collectors.toSet()), Attribution.DWD, SOURCE);
        gateway.imported(answer);
        LOG.info("DWD {} station {}: {} forecasts issued {} written", doc.header().product(), station,
                doc.forecasts().size(), doc.header().issueTime());
        return doc.forecasts().size();
    }

    /** The weather asset of a station, e.g. {@code dwd-P0036}. */
    public static String assetOf(String station) {
        return MosmixStation.assetId(station);
    }
}
