package de.stadtwerk.hub.transform;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Unit conversion into the canonical UCUM units of the unified model.
 *
 * <p>Every known unit belongs to a dimension and converts to that dimension's base unit by
 * {@code base = value * factor + offset}. Conversion between units of one dimension goes through the base.
 * One cross-dimension conversion exists: an energy per area summed over an interval (DWD's {@code Rad1h}
 * in kJ/m2 per hour, or J/cm2 per 10 min) becomes a mean irradiance in W/m2 when the interval is known.
 *
 * <p>Spellings found in the wild are accepted besides UCUM: {@code KWH} (EDIFACT), {@code °C}, {@code m³},
 * {@code W/m²}, {@code km/h}. Upper-case prefixes are read as SI prefixes of the energy trade (MW is megawatt).
 */
public final class Units {

    private enum Dimension { ENERGY, POWER, REACTIVE_POWER, VOLUME, VOLUME_FLOW, TEMPERATURE, IRRADIANCE,
        ENERGY_PER_AREA, SPEED, PRESSURE, LENGTH, PERCENT, ANGLE, TIME, PRICE, VOLTAGE, CURRENT, FREQUENCY }

    private record UnitDef(String ucum, Dimension dimension, double factor, double offset) { }

    private static final Map<String, UnitDef> UNITS = new HashMap<>();
    private static final Map<String, String> ALIASES = new HashMap<>();

    static {
        def("Wh", Dimension.ENERGY, 1);
        def("kWh", Dimension.ENERGY, 1e3);
        def("MWh", Dimension.ENERGY, 1e6);
        def("GWh", Dimension.ENERGY, 1e9);
        def("J", Dimension.ENERGY, 1 / 3600.0);
        def("kJ", Dimension.ENERGY, 1e3 / 3600.0);
        def("MJ", Dimension.ENERGY, 1e6 / 3600.0);
        def("W", Dimension.POWER, 1);
        def("kW", Dimension.POWER, 1e3);
        def("MW", Dimension.POWER, 1e6);
        def("GW", Dimension.POWER, 1e9);
        def("var", Dimension.REACTIVE_POWER, 1);
        def("kvar", Dimension.REACTIVE_POWER, 1e3);
        def("Mvar", Dimension.REACTIVE_POWER, 1e6);
        def("m3", Dimension.VOLUME, 1);
        def("L", Dimension.VOLUME, 1e-3);
        def("m3/h", Dimension.VOLUME_FLOW, 1);
        def("m3/s", Dimension.VOLUME_FLOW, 3600);
        def("L/s", Dimension.VOLUME_FLOW, 3.6);
        def("L/min", Dimension.VOLUME_FLOW, 0.06);
        def("L/h", Dimension.VOLUME_FLOW, 1e-3);
        def("Cel", Dimension.TEMPERATURE, 1, 0);
        def("K", Dimension.TEMPERATURE, 1, -273.15);
        def("[degF]", Dimension.TEMPERATURE, 5.0 / 9.0, -32 * 5.0 / 9.0);
        def("W/m2", Dimension.IRRADIANCE, 1);
        def("kW/m2", Dimension.IRRADIANCE, 1e3);
        def("J/m2", Dimension.ENERGY_PER_AREA, 1);
        def("kJ/m2", Dimension.ENERGY_PER_AREA, 1e3);
        def("J/cm2", Dimension.ENERGY_PER_AREA, 1e4);
        def("Wh/m2", Dimension.ENERGY_PER_AREA, 3600);
        def("kWh/m2", Dimension.ENERGY_PER_AREA, 3.6e6);
        def("m/s", Dimension.SPEED, 1);
        def("km/h", Dimension.SPEED, 1 / 3.6);
        def("[kn_i]", Dimension.SPEED, 1852.0 / 3600.0);
        def("bar", Dimension.PRESSURE, 1);
        def("mbar", Dimension.PRESSURE, 1e-3);
        def("Pa", Dimension.PRESSURE, 1e-5);
        def("hPa", Dimension.PRESSURE, 1e-3);
        def("kPa", Dimension.PRESSURE, 1e-2);
        def("m", Dimension.LENGTH, 1);
        def("cm", Dimension.LENGTH, 1e-2);
        def("mm", Dimension.LENGTH, 1e-3);
        def("km", Dimension.LENGTH, 1e3);
        def("%", Dimension.PERCENT, 1);
        def("deg", Dimension.ANGLE, 1);
        def("s", Dimension.TIME, 1);
        def("min", Dimension.TIME, 60);
        def("h", Dimension.TIME, 3600);
        def("EUR/MWh", Dimension.PRICE, 1);
        def("EUR/kWh", Dimension.PRICE, 1e3);
        def("ct/kWh", Dimension.PRICE, 10);
        def("V", Dimension.VOLTAGE, 1);
        def("kV", Dimension.VOLTAGE, 1e3);
        def("A", Dimension.CURRENT, 1);
        def("kA", Dimension.CURRENT, 1e3);
        def("Hz", Dimension.FREQUENCY, 1);

        alias("WH", "Wh"); alias("KWH", "kWh"); alias("MWH", "MWh"); alias("GWH", "GWh");
        alias("KW", "kW"); alias("GW", "GW"); alias("KVAR", "kvar"); alias("MVAR", "Mvar"); alias("VAR", "var");
        alias("m³", "m3"); alias("MTQ", "m3"); alias("l", "L"); alias("m³/h", "m3/h"); alias("l/s", "L/s");
        alias("l/min", "L/min"); alias("l/h", "L/h");
        alias("°C", "Cel"); alias("degC", "Cel"); alias("C", "Cel"); alias("CEL", "Cel"); alias("°F", "[degF]");
        alias("W/m²", "W/m2"); alias("kW/m²", "kW/m2"); alias("kJ/m²", "kJ/m2"); alias("J/m²", "J/m2");
        alias("J/cm²", "J/cm2"); alias("Wh/m²", "Wh/m2"); alias("kWh/m²", "kWh/m2");
        alias("kmh", "km/h"); alias("kn", "[kn_i]"); alias("kt", "[kn_i]");
        alias("°", "deg"); alias("percent", "%"); alias("sec", "s");
        alias("€/MWh", "EUR/MWh"); alias("€/kWh", "EUR/kWh");
    }

    private Units() {
    }

    private static void def(String ucum, Dimension d, double factor) {
        def(ucum, d, factor, 0);
    }

    private static void def(String ucum, Dimension d, double factor, double offset) {
        UNITS.put(ucum, new UnitDef(ucum, d, factor, offset));
    }

    private static void alias(String alias, String ucum) {
        ALIASES.put(alias, ucum);
    }

    /** The UCUM spelling of a unit, or throws {@link UnitException} naming the unknown unit. */
    public static String normalise(String unit) {
        return lookup(unit).ucum();
    }

    /** Whether the unit is known (in UCUM or an accepted alias). */
    public static boolean isKnown(String unit) {
        return unit != null && resolve(unit) != null;
    }

    /** Converts a value between two units of the same dimension (no interval needed). */
    public static double convert(double value, String from, String to) {
        return convert(value, from, to, null);
    }

    /**
     * Converts a value from one unit to another. {@code interval} is needed only when an energy per area
     * becomes a mean irradiance (kJ/m2 over an hour to W/m2).
     *
     * @throws UnitException when a unit is unknown or the units do not convert
     */
    public static double convert(double value, String from, String to, Duration interval) {
        UnitDef f = lookup(from);
        UnitDef t = lookup(to);
        if (f == t) {
            return value;
        }
        double base = value * f.factor() + f.offset();
        if (f.dimension() == t.dimension()) {
            return round12((base - t.offset()) / t.factor());
        }
        if (f.dimension() == Dimension.ENERGY_PER_AREA && t.dimension() == Dimension.IRRADIANCE) {
            if (interval == null || interval.isZero() || interval.isNegative()) {
                throw new UnitException("converting " + from + " to " + to + " needs the interval the sum covers");
            }
            return round12(base / (interval.toMillis() / 1000.0) / t.factor());
        }
        throw new UnitException("unit " + from + " does not convert to " + to);
    }

    /**
     * Rounds to 12 significant digits: removes the binary noise of a conversion (8.056 kWh is 8056 Wh, not
     * 8055.999999999999) while keeping far more digits than any meter has.
     */
    static double round12(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        double scale = Math.pow(10, 12 - Math.ceil(Math.log10(Math.abs(v))));
        double r = Math.rint(v * scale) / scale;
        return Double.isFinite(r) ? r : v;
    }

    private static UnitDef lookup(String unit) {
        UnitDef def = unit == null ? null : resolve(unit);
        if (def == null) {
            throw new UnitException("unknown unit '" + unit + "'");
        }
        return def;
    }

    private static UnitDef resolve(String unit) {
        UnitDef exact = UNITS.get(unit);
        if (exact != null) {
            return exact;
        }
        String u = unit.trim();
        UnitDef def = UNITS.get(u);
        if (def == null) {
            String ucum = ALIASES.get(u);
            if (ucum == null) {
                ucum = ALIASES.get(u.toUpperCase(Locale.ROOT));
            }
            def = ucum == null ? null : UNITS.get(ucum);
        }
        return def;
    }

    /** A unit that is unknown or does not convert to the one wanted. */
    public static final class UnitException extends IllegalArgumentException {
        public UnitException(String message) {
            super(message);
        }
    }
}
