package de.stadtwerk.hub.publish.feed;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import de.stadtwerk.hub.store.Aggregation;
import de.stadtwerk.hub.store.Resolution;
import java.util.List;
import java.util.Locale;

/**
 * What a feed exports.
 *
 * @param source      {@code observations} (measured values) or {@code forecasts} (the newest issued forecast per
 *                    interval, e.g. the Energiewetter series {@code area-netzgebiet.ratio.coverage})
 * @param series      explicit series ids; when empty, the series are selected by {@code assets} and {@code quantity}
 * @param assets      selector of assets (kind, district, postcode, ids; all given criteria must match), or null
 * @param quantity    quantity code of the series (e.g. {@code energy_import}), or null for any
 * @param window      the period relative to now, in local time ({@link FeedWindow})
 * @param resolution  optional bucket size {@code 15min}, {@code 1h}, {@code 1d} (local days); null: the raw values
 * @param aggregation with a resolution: {@code sum}, {@code avg}, {@code min}, {@code max}
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record FeedQuery(String source, List<String> series, AssetSelector assets, String quantity, FeedWindow window,
                        Resolution resolution, Aggregation aggregation) {

    public static final String OBSERVATIONS = "observations";
    public static final String FORECASTS = "forecasts";

    /**
     * Selects assets of the master data; every given criterion must match, null criteria match anything.
     *
     * @param kind     asset kind ({@code meter}, {@code pv_plant} …)
     * @param district district name (case-insensitive)
     * @param postcode postcode
     * @param ids      asset ids
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record AssetSelector(String kind, String district, String postcode, List<String> ids) {
        public AssetSelector {
            ids = ids == null ? List.of() : List.copyOf(ids);
        }

        public boolean matches(de.stadtwerk.hub.model.Asset a) {
            return (kind == null || kind.equalsIgnoreCase(a.kind()))
                    && (district == null || district.equalsIgnoreCase(a.district()))
                    && (postcode == null || postcode.equals(a.postcode()))
                    && (ids.isEmpty() || ids.contains(a.id()));
        }
    }

    public FeedQuery {
        source = source == null || source.isBlank() ? OBSERVATIONS : source.trim().toLowerCase(Locale.ROOT);
        if (!source.equals(OBSERVATIONS) && !source.equals(FORECASTS)) {
            throw new IllegalArgumentException("query.source '" + source + "': expected observations or forecasts");
        }
        series = series == null ? List.of() : List.copyOf(series);
        if (window == null) {
            throw new IllegalArgumentException("query.window is missing (yesterday, last-7-days, last-month …)");
        }
        if (series.isEmpty() && assets == null && quantity == null) {
            throw new IllegalArgumentException("query selects nothing: give series ids, or assets and/or a quantity");
        }
        if ((resolution == null) != (aggregation == null)) {
            throw new IllegalArgumentException("query: resolution and aggregation go together (e.g. 1d and sum)");
        }
        if (resolution != null && source.equals(FORECASTS)) {
            throw new IllegalArgumentException("query: forecasts are exported as issued, without aggregation");
        }
    }

    @JsonCreator
    static FeedQuery of(@JsonProperty("source") String source, @JsonProperty("series") List<String> series,
                        @JsonProperty("assets") AssetSelector assets, @JsonProperty("quantity") String quantity,
                        @JsonProperty("window") String window, @JsonProperty("resolution") String resolution,
                        @JsonProperty("aggregation") String aggregation) {
        return new FeedQuery(source, series, assets, quantity, window == null ? null : FeedWindow.of(window),
                resolution == null ? null : Resolution.ofCode(resolution),
                aggregation == null ? null : Aggregation.ofCode(aggregation));
    }

    public boolean aggregated() {
        return resolution != null;
    }
}
