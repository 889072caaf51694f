package de.stadtwerk.hub.publish.api;

import de.stadtwerk.hub.model.Asset;
import de.stadtwerk.hub.store.SeriesInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which assets and series a dataset contains or a grant covers. Every non-empty criterion must hold (AND); within
 * a criterion any listed value will do (OR). A selection without asset criteria covers every asset.
 *
 * @param series     series ids
 * @param assets     asset ids
 * @param kinds      asset kinds ({@code pv_plant} …)
 * @param districts  asset districts
 * @param postcodes  asset postcodes
 * @param quantities quantity codes (series only)
 */
public record Selection(Set<String> series, Set<String> assets, Set<String> kinds, Set<String> districts,
                        Set<String> postcodes, Set<String> quantities) {

    private static final List<String> KEYS = List.of("series", "assets", "kinds", "districts", "postcodes", "quantities");

    public Selection {
        series = Set.copyOf(series);
        assets = Set.copyOf(assets);
        kinds = Set.copyOf(kinds);
        districts = Set.copyOf(districts);
        postcodes = Set.copyOf(postcodes);
        quantities = Set.copyOf(quantities);
    }

    /** Whether this selection covers a series; {@code asset} is its master data, null when unknown. */
    public boolean covers(SeriesInfo s, Asset asset) {
        return (series.isEmpty() || series.contains(s.id()))
                && (quantities.isEmpty() || quantities.contains(s.quantity()))
                && coversAssetOf(s.assetId(), asset);
    }

    /** Whether this selection covers an asset (quantities do not matter; a series list covers their assets). */
    public boolean covers(Asset asset) {
        if (!series.isEmpty() && series.stream().noneMatch(id -> id.startsWith(asset.id() + "."))) {
            return false;
        }
        return coversAssetOf(asset.id(), asset);
    }

    private boolean coversAssetOf(String assetId, Asset asset) {
        if (!assets.isEmpty() && !assets.contains(assetId)) {
            return false;
        }
        if (kinds.isEmpty() && districts.isEmpty() && postcodes.isEmpty()) {
            return true;
        }
        return asset != null
                && (kinds.isEmpty() || kinds.contains(asset.kind()))
                && (districts.isEmpty() || districts.contains(asset.district()))
                && (postcodes.isEmpty() || postcodes.contains(asset.postcode()));
    }

    /** Reads a selection from a YAML map; {@code where} names it in error messages. Unknown keys are refused. */
    static Selection of(Map<?, ?> map, String where, Set<String> otherAllowedKeys) {
        for (Object k : map.keySet()) {
            if (!KEYS.contains(String.valueOf(k)) && !otherAllowedKeys.contains(String.valueOf(k))) {
                throw new IllegalArgumentException(where + ": unknown key '" + k + "' (allowed: "
                        + String.join(", ", KEYS) + (otherAllowedKeys.isEmpty() ? "" : ", "
                        + String.join(", ", otherAllowedKeys.stream().sorted().toList())) + ")");
            }
        }
        return new Selection(Yaml.strings(map, "series", where), Yaml.strings(map, "assets", where),
                Yaml.strings(map, "kinds", where), Yaml.strings(map, "districts", where),
                Yaml.strings(map, "postcodes", where), Yaml.strings(map, "quantities", where));
    }
}
