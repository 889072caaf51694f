package de.stadtwerk.hub.parse.mosmix;

import de.stadtwerk.hub.model.Quantity;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The MOSMIX elements the hub takes, with the unit DWD delivers them in and the quantity they become. Elements
 * with an {@code accumulation} are sums or means over the hour <em>ending</em> at the time step: a value at step
 * T covers T−1h..T and becomes a forecast for that interval.
 */
public enum MosmixElement {
    /** Global irradiance, kJ/m² summed over the last hour → mean W/m² over that hour. */
    RAD1H("Rad1h", Quantity.GLOBAL_IRRADIANCE, "kJ/m2", Duration.ofHours(1)),
    /** Wind speed (10 m), m/s. */
    FF("FF", Quantity.WIND_SPEED, "m/s", null),
    /** Wind direction, degrees. */
    DD("DD", Quantity.WIND_DIRECTION, "deg", null),
    /** Temperature 2 m above surface, K → Cel. */
    TTT("TTT", Quantity.TEMPERATURE, "K", null),
    /** Total cloud cover, %. */
    N("N", Quantity.CLOUD_COVER, "%", null),
    /** Sunshine duration during the last hour, s. */
    SUND1("SunD1", Quantity.SUNSHINE_DURATION, "s", Duration.ofHours(1)),
    /** Surface pressure reduced to mean sea level, Pa → hPa. */
    PPPP("PPPP", Quantity.AIR_PRESSURE, "Pa", null);

    private static final Map<String, MosmixElement> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(MosmixElement::dwdName, Function.identity()));

    private final String dwdName;
    private final Quantity quantity;
    private final String dwdUnit;
    private final Duration accumulation;

    MosmixElement(String dwdName, Quantity quantity, String dwdUnit, Duration accumulation) {
        this.dwdName = dwdName;
        this.quantity = quantity;
        this.dwdUnit = dwdUnit;
        this.accumulation = accumulation;
    }

    /** The {@code dwd:elementName} in the KML, e.g. {@code Rad1h}. */
    public String dwdName() {
        return dwdName;
    }

    public Quantity quantity() {
        return quantity;
    }

    /** The unit DWD delivers (UCUM spelling). */
    public String dwdUnit() {
        return dwdUnit;
    }

    /** The period ending at the time step the value covers, or null for a value at the time step. */
    public Duration accumulation() {
        return accumulation;
    }

    /** The element of that DWD name, or null if the hub does not take it. */
    public static MosmixElement byDwdName(String name) {
        return BY_NAME.get(name);
    }
}
