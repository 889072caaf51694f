package de.stadtwerk.hub.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Master data of an asset: a meter, a plant, a pump station, a weather point, a district.
 *
 * @param id          stable id, used in series ids ({@code m-00042}, {@code pv-rathaus})
 * @param name        human-readable name
 * @param kind        e.g. {@code meter}, {@code pv_plant}, {@code wind_turbine}, {@code pump}, {@code weather_station}
 * @param lat         latitude (WGS84), or null
 * @param lon         longitude (WGS84), or null
 * @param district    district name, or null
 * @param postcode    postcode, or null
 * @param ratedPowerW rated power in W, or null
 * @param externalIds ids in other systems: {@code malo}, {@code melo}, {@code obis}, {@code opcua}, {@code mqtt}, {@code mastr} …
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Asset(
        String id,
        String name,
        String kind,
        Double lat,
        Double lon,
        String district,
        String postcode,
        Double ratedPowerW,
        Map<String, String> externalIds) {

    public Asset {
        externalIds = externalIds == null ? Map.of() : Map.copyOf(externalIds);
    }
}
