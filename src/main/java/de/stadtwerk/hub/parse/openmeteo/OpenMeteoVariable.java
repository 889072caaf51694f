package de.stadtwerk.hub.parse.openmeteo;

import de.stadtwerk.hub.model.Quantity;
import java.util.List;

/**
 * An Open-Meteo {@code hourly} variable the hub takes. The unit is read from {@code hourly_units} of each answer
 * (wind speed may be km/h, m/s, kn; temperature °C or °F) and converted to the quantity's canonical unit.
 *
 * @param names             the variable names, current first (older answers spell {@code windspeed_10m})
 * @param quantity          the quantity it becomes
 * @param qualifier         series-id qualifier, e.g. {@code 100m}; null for none
 * @param precedingInterval true for a mean over the preceding hour (radiation): the value at T covers T−1h..T
 */
public record OpenMeteoVariable(List<String> names, Quantity quantity, String qualifier, boolean precedingInterval) {

    /** Global horizontal irradiance, mean of the preceding hour, W/m². */
    public static final OpenMeteoVariable SHORTWAVE_RADIATION =
            new OpenMeteoVariable(List.of("shortwave_radiation"), Quantity.GLOBAL_IRRADIANCE, null, true);
    /** Wind speed at 10 m, instant. */
    public static final OpenMeteoVariable WIND_SPEED_10M =
            new OpenMeteoVariable(List.of("wind_speed_10m", "windspeed_10m"), Quantity.WIND_SPEED, "10m", false);
    /** Wind speed at 100 m, instant. */
    public static final OpenMeteoVariable WIND_SPEED_100M =
            new OpenMeteoVariable(List.of("wind_speed_100m", "windspeed_100m"), Quantity.WIND_SPEED, "100m", false);
    /** Air temperature at 2 m, instant. */
    public static final OpenMeteoVariable TEMPERATURE_2M =
            new OpenMeteoVariable(List.of("temperature_2m"), Quantity.TEMPERATURE, null, false);

    /** The variables the parser takes by default. */
    public static final List<OpenMeteoVariable> DEFAULTS =
            List.of(SHORTWAVE_RADIATION, WIND_SPEED_10M, WIND_SPEED_100M, TEMPERATURE_2M);

    public OpenMeteoVariable {
        names = List.copyOf(names);
    }
}
