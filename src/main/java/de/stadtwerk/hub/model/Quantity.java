package de.stadtwerk.hub.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The controlled vocabulary of quantities, each with its canonical UCUM unit and the range of
 * physically plausible values in that unit (used by the plausibility check; overridable by
 * configuration).
 */
public enum Quantity {
    ACTIVE_POWER("active_power", "W", -5e9, 5e9),
    REACTIVE_POWER("reactive_power", "var", -5e9, 5e9),
    ENERGY_IMPORT("energy_import", "Wh", 0, 1e15),
    ENERGY_EXPORT("energy_export", "Wh", 0, 1e15),
    ENERGY("energy", "Wh", -1e15, 1e15),
    VOLUME("volume", "m3", 0, 1e12),
    VOLUME_FLOW("volume_flow", "m3/h", -1e6, 1e6),
    TEMPERATURE("temperature", "Cel", -90, 1000),
    GLOBAL_IRRADIANCE("global_irradiance", "W/m2", 0, 1500),
    WIND_SPEED("wind_speed", "m/s", 0, 120),
    WIND_DIRECTION("wind_direction", "deg", 0, 360),
    CLOUD_COVER("cloud_cover", "%", 0, 100),
    SUNSHINE_DURATION("sunshine_duration", "s", 0, 3600),
    LEVEL("level", "m", -1e4, 1e4),
    PRESSURE("pressure", "bar", -1, 1e4),
    AIR_PRESSURE("air_pressure", "hPa", 800, 1100),
    RELATIVE_HUMIDITY("relative_humidity", "%", 0, 100),
    VOLTAGE("voltage", "V", -1e6, 1e6),
    CURRENT("current", "A", -1e6, 1e6),
    FREQUENCY("frequency", "Hz", 0, 1000),
    PRICE("price", "EUR/MWh", -10000, 100000),
    RATIO("ratio", "%", -1e6, 1e6);

    private static final Map<String, Quantity> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Quantity::code, Function.identity()));

    private final String code;
    private final String canonicalUnit;
    private final double plausibleMin;
    private final double plausibleMax;

    Quantity(String code, String canonicalUnit, double plausibleMin, double plausibleMax) {
        this.code = code;
        this.canonicalUnit = canonicalUnit;
        this.plausibleMin = plausibleMin;
        this.plausibleMax = plausibleMax;
    }

    /** The code used in series ids, JSON and configuration, e.g. {@code energy_import}. */
    public String code() {
        return code;
    }

    /** The canonical UCUM unit every value of this quantity is stored in. */
    public String canonicalUnit() {
        return canonicalUnit;
    }

    public double plausibleMin() {
        return plausibleMin;
    }

    public double plausibleMax() {
        return plausibleMax;
    }

    /**
     * Whether an instant value of this quantity is a cumulative register reading (a meter's energy register, OBIS
     * 1.8.x / 2.8.x, or a gas or water volume register): it only grows, apart from a roll-over at the register's
     * maximum. Interval values of these quantities are amounts per interval, not readings.
     */
    public boolean isCounter() {
        return this == ENERGY_IMPORT || this == ENERGY_EXPORT || this == VOLUME;
    }

    /** Looks a quantity up by its code, e.g. {@code "volume_flow"}; throws with the known codes if unknown. */
    public static Quantity ofCode(String code) {
        Quantity q = code == null ? null : BY_CODE.get(code.trim().toLowerCase(Locale.ROOT));
        if (q == null) {
            throw new IllegalArgumentException("unknown quantity '" + code + "', known: " + BY_CODE.keySet().stream().sorted().toList());
        }
        return q;
    }

    /** The quantity of a code (exact or in other case, surrounding blanks ignored), or null when unknown. */
    public static Quantity lookup(String code) {
        if (code == null) {
            return null;
        }
        Quantity q = BY_CODE.get(code);
        return q != null ? q : BY_CODE.get(code.trim().toLowerCase(Locale.ROOT));
    }

    /** Whether {@code code} names a quantity of the vocabulary. */
    public static boolean isKnown(String code) {
        return code != null && BY_CODE.containsKey(code.trim().toLowerCase(Locale.ROOT));
    }
}
