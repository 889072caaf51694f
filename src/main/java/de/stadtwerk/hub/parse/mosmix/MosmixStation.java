package de.stadtwerk.hub.parse.mosmix;

import de.stadtwerk.hub.model.Asset;
import java.util.List;
import java.util.Map;

/**
 * One MOSMIX station (a {@code kml:Placemark}).
 *
 * @param id         station id ({@code kml:name}), e.g. {@code P0036} or {@code 10315}
 * @param name       station name ({@code kml:description}), e.g. "MUENSTER ZENTRUM"
 * @param lat        latitude from {@code kml:coordinates}, or null
 * @param lon        longitude, or null
 * @param elevationM station height in m, or null
 * @param elements   every {@code dwd:elementName} of the station, in document order (also those the hub ignores)
 */
public record MosmixStation(String id, String name, Double lat, Double lon, Double elevationM, List<String> elements) {

    /** Prefix of the weather asset id of a station: {@code dwd-P0036}. */
    public static final String ASSET_PREFIX = "dwd-";

    public MosmixStation {
        elements = List.copyOf(elements);
    }

    public static String assetId(String stationId) {
        return ASSET_PREFIX + stationId;
    }

    public String assetId() {
        return assetId(id);
    }

    /** The station as a weather asset ({@code kind = weather_station}, externalIds {@code dwd = <id>}). */
    public Asset toAsset() {
        return new Asset(assetId(), name, "weather_station", lat, lon, null, null, null, Map.of("dwd", id));
    }
}
