package de.stadtwerk.hub.publish.feed;

import de.stadtwerk.hub.store.ObservationStream.SeriesInfo;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a feed file says about itself before its rows: the feed, the period, when it was made, how the values were
 * aggregated, the series in it and the attribution of their providers (open-data licences require it).
 *
 * @param feedId      feed id
 * @param description feed description
 * @param period      the exported period
 * @param generatedAt when the file was made
 * @param source      observations or forecasts
 * @param aggregation e.g. {@code sum per 1d}, or null for raw values
 * @param series      the series, in the order of the rows
 * @param attribution attribution lines (provider, licence) of the series that have one
 */
public record FeedHeader(String feedId, String description, FeedPeriod period, Instant generatedAt, String source,
                         String aggregation, List<SeriesInfo> series, List<String> attribution) {

    public FeedHeader {
        series = List.copyOf(series);
        attribution = List.copyOf(attribution);
    }

    public boolean aggregated() {
        return aggregation != null;
    }

    /** Series by id, for writers that print asset, quantity and unit on every row. */
    public Map<String, SeriesInfo> seriesById() {
        Map<String, SeriesInfo> m = new HashMap<>();
        series.forEach(s -> m.put(s.id(), s));
        return m;
    }
}
