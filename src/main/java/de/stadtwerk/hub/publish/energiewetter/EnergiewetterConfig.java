package de.stadtwerk.hub.publish.energiewetter;

import de.stadtwerk.hub.forecast.EnergiewetterSettings;
import de.stadtwerk.hub.support.HubSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The configuration keys of the Energiewetter service and its publication ({@code hub.energiewetter.*}), each
 * documented with its default in {@code config/application.properties}. The model keys are read by
 * {@link EnergiewetterSettings#from(Properties)}.
 */
public final class EnergiewetterConfig {

    /** Id of the utility's whole area in the API and in series ids ({@code area-<id>.…}). */
    public static final String AREA = "hub.energiewetter.area";
    /** Display name of the whole area. */
    public static final String AREA_NAME = "hub.energiewetter.area-name";
    /** Load shares of districts / postcodes: {@code elberfeld:0.35,42103:0.1}; default: share of installed power. */
    public static final String AREA_SHARES = "hub.energiewetter.area-shares";
    /** Hours ahead, 1..72. */
    public static final String HORIZON_HOURS = "hub.energiewetter.horizon-hours";
    /** Weather asset whose forecasts are used (series {@code <asset>.global_irradiance} …). */
    public static final String WEATHER_ASSET = "hub.energiewetter.weather-asset";
    /** Hub height assumed for wind turbines, m. */
    public static final String WIND_HUB_HEIGHT = "hub.energiewetter.wind.hub-height";
    /** PV plants whose measured feed-in ({@code <id>.active_power}) corrects the PV model; blank: none. */
    public static final String PV_REFERENCE_PLANTS = "hub.energiewetter.pv.reference-plants";
    /** Wind turbines whose measured feed-in corrects the wind model; blank: none. */
    public static final String WIND_REFERENCE_PLANTS = "hub.energiewetter.wind.reference-plants";
    /** Series of the measured grid load of the whole area (W); blank: standard load profiles only. */
    public static final String LOAD_SERIES = "hub.energiewetter.load.series";
    /** Days of measured grid load used to fit the profile mix. */
    public static final String LOAD_CALIBRATION_DAYS = "hub.energiewetter.load.calibration-days";
    /** Quartz cron (Europe/Berlin) of the scheduled issue. */
    public static final String CRON = "hub.energiewetter.cron";
    /** Delay (ms) of the first issue after start. */
    public static final String STARTUP_DELAY = "hub.energiewetter.startup-delay";
    /** Whether every issue is published to MQTT. */
    public static final String MQTT_ENABLED = "hub.energiewetter.mqtt.enabled";
    /** The topic of the retained clock message. */
    public static final String MQTT_TOPIC = "hub.energiewetter.mqtt.topic";
    /** Open-data mode ({@code replay} or {@code live}); in replay mode a recorded weather run may stand for now. */
    public static final String OPENDATA_MODE = "hub.opendata.mode";

    /** Model keys read by {@link EnergiewetterSettings#from(Properties)} (after {@link EnergiewetterSettings#PREFIX}). */
    static final List<String> MODEL_KEYS = List.of("state", "load.annual-kwh", "level.metric", "level.green-from",
            "level.yellow-from", "best-window.hours", "pv.overcast-fraction", "pv.calibration-days",
            "wind.calibration-days", "wind.shear");

    private EnergiewetterConfig() {
    }

    /** The model settings through the hub's configuration lookup (overrides applied). */
    static EnergiewetterSettings settings(HubSettings hub) {
        Properties p = new Properties();
        for (String key : MODEL_KEYS) {
            String v = hub.string(EnergiewetterSettings.PREFIX + key, null);
            if (v != null) {
                p.setProperty(EnergiewetterSettings.PREFIX + key, v);
            }
        }
        return EnergiewetterSettings.from(p);
    }

    /** {@code a,b , c} → [a, b, c]; blank → []. */
    static List<String> list(String text) {
        List<String> result = new ArrayList<>();
        if (text != null) {
            for (String s : text.split(",")) {
                if (!s.isBlank()) {
                    result.add(s.trim());
                }
            }
        }
        return result;
    }

    /** {@code elberfeld:0.35,42103:0.1} → map; a bad entry fails with the key. */
    static Map<String, Double> shares(String text) {
        Map<String, Double> result = new LinkedHashMap<>();
        for (String entry : list(text)) {
            String[] kv = entry.split(":");
            try {
                double share = Double.parseDouble(kv[1].trim());
                if (kv.length != 2 || share < 0 || share > 1) {
                    throw new IllegalArgumentException("share must be 0..1");
                }
                result.put(kv[0].trim().toLowerCase(java.util.Locale.ROOT), share);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("configuration key " + AREA_SHARES + ": '" + entry
                        + "' is not AREA:SHARE with a share 0..1", e);
            }
        }
        return result;
    }
}
