package de.stadtwerk.hub.forecast;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The configuration catalogue of the Energiewetter forecast: every key with its default. Values come from the hub's
 * properties (environment variables override them, see {@code config/application.properties}).
 *
 * @param state             German state for public holidays ({@code hub.energiewetter.state}, default {@code nw})
 * @param annualKWh         annual consumption per BDEW profile ({@code hub.energiewetter.load.annual-kwh},
 *                          e.g. {@code H0:250000000,G0:90000000}; default H0 100 GWh)
 * @param thresholds        level metric and thresholds ({@code hub.energiewetter.level.metric} COVERAGE,
 *                          {@code .green-from} 0.5, {@code .yellow-from} 0.25)
 * @param bestWindowHours   length of the best window ({@code hub.energiewetter.best-window.hours}, default 3)
 * @param overcastFraction  PV: irradiance without sunshine as a fraction of clear sky
 *                          ({@code hub.energiewetter.pv.overcast-fraction}, default 0.4)
 * @param pvWindowDays      PV calibration window ({@code hub.energiewetter.pv.calibration-days}, default 21)
 * @param windWindowDays    wind calibration window ({@code hub.energiewetter.wind.calibration-days}, default 28)
 * @param windShear         wind: power-law exponent before calibration ({@code hub.energiewetter.wind.shear}, default 0.2)
 */
public record EnergiewetterSettings(
        String state,
        Map<LoadProfileId, Double> annualKWh,
        SignalThresholds thresholds,
        int bestWindowHours,
        double overcastFraction,
        int pvWindowDays,
        int windWindowDays,
        double windShear) {

    public static final String PREFIX = "hub.energiewetter.";

    public EnergiewetterSettings {
        annualKWh = Map.copyOf(annualKWh);
    }

    /** Reads the settings; a bad value fails with its key and the value. */
    public static EnergiewetterSettings from(Properties p) {
        SignalThresholds thresholds = new SignalThresholds(
                SignalThresholds.Metric.valueOf(get(p, "level.metric", "COVERAGE").toUpperCase(Locale.ROOT)),
                num(p, "level.green-from", SignalThresholds.DEFAULT_GREEN_FROM),
                num(p, "level.yellow-from", SignalThresholds.DEFAULT_YELLOW_FROM));
        return new EnergiewetterSettings(get(p, "state", "nw"), annual(get(p, "load.annual-kwh", "H0:100000000")),
                thresholds, (int) num(p, "best-window.hours", 3), num(p, "pv.overcast-fraction", 0.4),
                (int) num(p, "pv.calibration-days", 21), (int) num(p, "wind.calibration-days", 28),
                num(p, "wind.shear", 0.2));
    }

    static Map<LoadProfileId, Double> annual(String text) {
        Map<LoadProfileId, Double> result = new EnumMap<>(LoadProfileId.class);
        for (String entry : text.split(",")) {
            String[] kv = entry.trim().split(":");
            try {
                result.put(LoadProfileId.valueOf(kv[0].trim().toUpperCase(Locale.ROOT)), Double.parseDouble(kv[1].trim()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(PREFIX + "load.annual-kwh: '" + entry.trim()
                        + "' is not PROFILE:kWh with PROFILE one of H0, G0..G6, L0..L2", e);
            }
        }
        return result;
    }

    private static String get(Properties p, String key, String def) {
        String v = p.getProperty(PREFIX + key);
        return v == null || v.isBlank() ? def : v.trim();
    }

    private static double num(Properties p, String key, double def) {
        String v = get(p, key, null);
        try {
            return v == null ? def : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + key + ": '" + v + "' is not a number", e);
        }
    }
}
