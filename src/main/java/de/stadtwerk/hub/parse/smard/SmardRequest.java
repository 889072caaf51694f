package de.stadtwerk.hub.parse.smard;

import java.util.Locale;

/**
 * What a SMARD chart-data file is about: the three path segments of
 * {@code https://www.smard.de/app/chart_data/<filter>/<region>/<filter>_<region>_<resolution>_<timestamp>.json}.
 * The answer itself does not repeat them, so the caller passes what it asked for.
 *
 * @param filter     the filter (what is measured)
 * @param region     {@code DE}, {@code DE-LU}, {@code 50Hertz}, {@code Amprion}, {@code TenneT}, {@code TransnetBW} …
 * @param resolution the interval length
 */
public record SmardRequest(SmardFilter filter, String region, SmardResolution resolution) {

    /** Asset id of a SMARD region (a market area or control zone): {@code smard-de}, {@code smard-50hertz}. */
    public String assetId() {
        return "smard-" + region.toLowerCase(Locale.ROOT);
    }

    /** The relative path of a series file, for logs and error messages. */
    public String path(long timestampMs) {
        return filter.id() + "/" + region + "/" + filter.id() + "_" + region + "_" + resolution.code() + "_"
                + timestampMs + ".json";
    }

    /** The relative path of the index file. */
    public String indexPath() {
        return filter.id() + "/" + region + "/index_" + resolution.code() + ".json";
    }
}
