package de.stadtwerk.hub.publish.feed;

import de.stadtwerk.hub.model.Asset;
import de.stadtwerk.hub.model.Forecast;
import de.stadtwerk.hub.parse.Attribution;
import de.stadtwerk.hub.store.AggregatePoint;
import de.stadtwerk.hub.store.ForecastStore;
import de.stadtwerk.hub.store.ObservationStore;
import de.stadtwerk.hub.store.ObservationStream;
import de.stadtwerk.hub.store.ObservationStream.SeriesInfo;
import de.stadtwerk.hub.store.SeriesMetaStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a feed's query for a period and streams the result through the writer of its format onto a stream: series
 * selection (ids, or assets of the master data and a quantity), attribution of their providers into the header,
 * then the rows — raw observations through {@link ObservationStream} (constant memory), aggregates computed by
 * the database, or the newest issued forecasts. No Camel in here.
 */
public class FeedExporter {

    private final ObservationStream stream;
    private final ObservationStore observations;
    private final ForecastStore forecasts;
    private final Function<String, Optional<Attribution>> attributions;
    private final Supplier<Collection<Asset>> assets;
    private final Clock clock;

    public FeedExporter(ObservationStream stream, ObservationStore observations, ForecastStore forecasts,
                        SeriesMetaStore meta, Supplier<Collection<Asset>> assets, Clock clock) {
        this.stream = stream;
        this.observations = observations;
        this.forecasts = forecasts;
        this.attributions = meta == null ? id -> Optional.empty() : meta::attributionOf;
        this.assets = assets;
        this.clock = clock;
    }

    /** Writes the feed for the period; returns the number of rows. */
    public long export(FeedDefinition feed, FeedPeriod period, OutputStream out) throws IOException {
        FeedQuery q = feed.query();
        List<SeriesInfo> series = series(q);
        Set<String> attribution = new LinkedHashSet<>();
        for (SeriesInfo s : series) {
            attributions.apply(s.id()).ifPresent(a -> attribution.add(a.line()));
        }
        String aggregation = q.aggregated()
                ? q.aggregation().name().toLowerCase(Locale.ROOT) + " per " + q.resolution().code() : null;
        FeedHeader header = new FeedHeader(feed.id(), feed.description(), period, clock.instant(), q.source(),
                aggregation, series, new ArrayList<>(attribution));
        FeedWriter writer = FeedWriter.create(feed.format(), out);
        writer.begin(header);
        long rows;
        try {
            rows = rows(q, series, period, writer);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.finish();
        return rows;
    }

    private long rows(FeedQuery q, List<SeriesInfo> series, FeedPeriod period, FeedWriter writer) throws IOException {
        long rows = 0;
        if (q.source().equals(FeedQuery.FORECASTS)) {
            for (SeriesInfo s : series) {
                for (Forecast f : forecasts.latest(s.id(), period.from(), period.to(), ForecastStore.NEWEST)) {
                    writer.row(new FeedRow(s.id(), f.start(), f.end(), f.value(), "FORECAST", -1));
                    rows++;
                }
            }
            return rows;
        }
        if (q.aggregated()) {
            for (SeriesInfo s : series) {
                for (AggregatePoint p : observations.aggregate(s.id(), period.from(), period.to(), q.resolution(),
                        q.aggregation(), period.zone())) {
                    writer.row(new FeedRow(s.id(), p.start(), p.end(), p.value(), null, p.count()));
                    rows++;
                }
            }
            return rows;
        }
        return stream.stream(series.stream().map(SeriesInfo::id).toList(), period.from(), period.to(),
                (id, start, end, value, quality) -> writer.row(new FeedRow(id, start, end, value, quality, -1)));
    }

    /** The series a query selects, in a stable order. */
    public List<SeriesInfo> series(FeedQuery q) {
        if (!q.series().isEmpty()) {
            return stream.seriesByIds(q.series());
        }
        List<String> assetIds = List.of();
        if (q.assets() != null) {
            FeedQuery.AssetSelector sel = q.assets();
            if (sel.kind() == null && sel.district() == null && sel.postcode() == null) {
                assetIds = sel.ids();
            } else {
                assetIds = assets.get().stream().filter(sel::matches).map(Asset::id).sorted().toList();
            }
            if (assetIds.isEmpty()) {
                return List.of();
            }
        }
        return stream.series(assetIds, q.quantity());
    }

    /** Now, from the exporter's clock (the period of a scheduled run is relative to it). */
    public Instant now() {
        return clock.instant();
    }
}
