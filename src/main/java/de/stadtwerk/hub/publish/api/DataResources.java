package de.stadtwerk.hub.publish.api;

import de.stadtwerk.hub.model.Asset;
import de.stadtwerk.hub.model.Forecast;
import de.stadtwerk.hub.model.Quality;
import de.stadtwerk.hub.publish.bo4e.Bo4e;
import de.stadtwerk.hub.store.AggregatePoint;
import de.stadtwerk.hub.store.Aggregation;
import de.stadtwerk.hub.store.CatalogueQueries;
import de.stadtwerk.hub.store.ForecastStore;
import de.stadtwerk.hub.store.SeriesMetaStore;
import de.stadtwerk.hub.store.ObservationStore;
import de.stadtwerk.hub.store.Resolution;
import de.stadtwerk.hub.store.SeriesInfo;
import de.stadtwerk.hub.store.StoredValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data operations: assets, series, observations, forecasts and datasets. Every object is checked against the
 * caller's grants; an object it may not see answers exactly like one that does not exist (404, same detail).
 * Lists are paged by an opaque cursor (keyset: the page continues after the last id of the previous one).
 */
final class DataResources {

    private final Access access;
    private final ApiDirectory directory;
    private final CatalogueQueries catalogue;
    private final ObservationStore observations;
    private final ForecastStore forecasts;
    private final ApiSettings settings;
    private final SeriesMetaStore seriesMeta;

    DataResources(Access access, ApiDirectory directory, CatalogueQueries catalogue, ObservationStore observations,
                  ForecastStore forecasts, ApiSettings settings, SeriesMetaStore seriesMeta) {
        this.seriesMeta = seriesMeta;
        this.access = access;
        this.directory = directory;
        this.catalogue = catalogue;
        this.observations = observations;
        this.forecasts = forecasts;
        this.settings = settings;
    }

    ApiResponse assets(ApiRequest r, Caller caller) {
        Output.Format format = Output.Format.of(r);
        String kind = r.filter("kind");
        String district = r.filter("district");
        String postcode = r.filter("postcode");
        int limit = r.limit(settings.pageSize, settings.maxPageSize);
        String after = cursor(r);
        List<Map<String, Object>> items = new ArrayList<>();
        String next = null;
        for (Asset a : access.visibleAssets(caller)) {
            if ((after != null && a.id().compareTo(after) <= 0) || (kind != null && !kind.equals(a.kind()))
                    || (district != null && !district.equals(a.district()))
                    || (postcode != null && !postcode.equals(a.postcode()))) {
                continue;
            }
            if (items.size() == limit) {
                next = nextCursor((String) items.get(items.size() - 1).get("id"));
                break;
            }
            items.add(asset(a));
        }
        return list(format, items, next, ASSET_COLUMNS);
    }

    ApiResponse asset(ApiRequest r, Caller caller) {
        Output.Format format = Output.Format.of(r);
        String id = r.pathId();
        Asset a = id == null ? null : access.asset(caller, id).orElse(null);
        if (a == null) {
            throw ApiProblem.notFound("no asset '" + ApiProblem.echo(id != null ? id : r.rawPathId()) + "'");
        }
        Map<String, Object> item = asset(a);
        return ApiResponse.of(format, item, ASSET_COLUMNS, List.of(item));
    }

    ApiResponse seriesList(ApiRequest r, Caller caller) {
        Output.Format format = Output.Format.of(r);
        String asset = r.filter("asset");
        String quantity = r.filter("quantity");
        int limit = r.limit(settings.pageSize, settings.maxPageSize);
        String after = cursor(r);
        int fetch = Math.max(200, limit * 2);
        List<Map<String, Object>> items = new ArrayList<>();
        String next = null;
        while (next == null) {
            List<SeriesInfo> batch = catalogue.series(after, asset, quantity, fetch);
            for (SeriesInfo s : batch) {
                if (!access.canSee(caller, s)) {
                    continue;
                }
                if (items.size() == limit) {
                    next = nextCursor((String) items.get(items.size() - 1).get("id"));
                    break;
                }
                items.add(series(s));
            }
            if (batch.size() < fetch) {
                break;
            }
            after = batch.get(batch.size() - 1).id();
        }
        return list(format, items, next, SERIES_COLUMNS);
    }

    ApiResponse seriesOne(ApiRequest r, Caller caller) {
        Output.Format format = Output.Format.of(r);
        SeriesInfo s = visibleSeries(r, caller);
        Map<String, Object> item = series(s);
        Map<String, Object> doc = new LinkedHashMap<>(item);
        putAttribution(doc, s.id());
        return ApiResponse.of(format, doc, SERIES_COLUMNS, List.of(item));
    }

    ApiResponse observations(ApiRequest r, Caller caller) {
        SeriesInfo s = visibleSeries(r, caller);
        Bo4eFormat bo4e = Bo4eFormat.of(r);
        Output.Format format = bo4e == null ? Output.Format.of(r) : Output.Format.JSON;
        ZoneId zone = TimeRange.zone(r, settings.defaultZone);
        String res = r.param("resolution");
        String agg = r.param("agg");
        Resolution resolution = null;
        Aggregation aggregation = null;
        if (res != null && !res.equals("raw")) {
            try {
                resolution = Resolution.ofCode(res);
                aggregation = Aggregation.ofCode(agg == null ? "avg" : agg);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest(ApiProblem.echo(e.getMessage()));
            }
        } else if (agg != null) {
            throw ApiProblem.badRequest("agg needs a resolution (15min, 1h or 1d)");
        }
        TimeRange range = TimeRange.of(r, zone, resolution == null ? settings.maxRangeRaw : settings.maxRangeAggregated);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("series", s.id());
        doc.put("quantity", s.quantity());
        doc.put("unit", s.unit());
        doc.put("from", range.format(range.from()));
        doc.put("to", range.format(range.to()));
        doc.put("timeZone", zone.getId());
        doc.put("resolution", resolution == null ? "raw" : resolution.code());
        putAttribution(doc, s.id());
        List<Map<String, Object>> points = new ArrayList<>();
        List<Bo4e.Value> bo4eValues = new ArrayList<>();
        List<String> columns;
        if (resolution == null) {
            List<StoredValue> values = catalogue.values(s.id(), range.from(), range.to(), settings.maxPoints + 1);
            if (values.size() > settings.maxPoints) {
                throw ApiProblem.badRequest("the time range holds more than " + settings.maxPoints
                        + " values; ask for a shorter range or a resolution (15min, 1h, 1d)");
            }
            for (StoredValue v : values) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("start", range.format(v.start()));
                p.put("end", range.format(v.end()));
                p.put("value", v.value());
                p.put("quality", v.quality());
                points.add(p);
                if (bo4e != null) {
                    bo4eValues.add(new Bo4e.Value(v.start(), v.end(), v.value(), Quality.parse(v.quality())));
                }
            }
            columns = List.of("start", "end", "value", "quality");
        } else {
            long buckets = Duration.between(range.from(), range.to()).getSeconds() / resolution.seconds();
            if (buckets > settings.maxPoints) {
                throw ApiProblem.badRequest("the time range holds more than " + settings.maxPoints + " buckets of "
                        + resolution.code() + "; ask for a shorter range or a coarser resolution");
            }
            doc.put("aggregation", aggregation.name().toLowerCase(java.util.Locale.ROOT));
            for (AggregatePoint a : observations.aggregate(s.id(), range.from(), range.to(), resolution, aggregation, zone)) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("start", range.format(a.start()));
                p.put("end", range.format(a.end()));
                p.put("value", a.value());
                p.put("count", a.count());
                points.add(p);
                if (bo4e != null) {
                    bo4eValues.add(new Bo4e.Value(a.start(), a.end(), a.value(), null));
                }
            }
            columns = List.of("start", "end", "value", "count");
        }
        if (bo4e != null) {
            return bo4e(r, caller, s, bo4e, bo4eValues, resolution == null ? Bo4e.regularInterval(bo4eValues)
                    : Duration.ofSeconds(resolution.seconds()), range);
        }
        doc.put("points", points);
        return ApiResponse.of(format, doc, columns, points);
    }

    /** Observations as a BO4E Lastgang or Energiemenge; location ids only of an asset the caller may see. */
    private ApiResponse bo4e(ApiRequest r, Caller caller, SeriesInfo s, Bo4eFormat bo4e, List<Bo4e.Value> values,
                             Duration interval, TimeRange range) {
        Map<String, String> ids = access.asset(caller, s.assetId()).map(Asset::externalIds).orElse(Map.of());
        Bo4e.Series series = new Bo4e.Series(s.id(), s.assetId(), s.quantity(), s.unit(), s.qualifier(),
                ids.get("malo"), ids.get("melo"));
        Map<String, Object> doc;
        try {
            doc = bo4e == Bo4eFormat.LASTGANG ? Bo4e.lastgang(series, values, interval, range::format)
                    : Bo4e.energiemenge(series, values, range::format);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(406, "Not acceptable", ApiProblem.echo(e.getMessage()));
        }
        return new ApiResponse(200, bo4e.contentType(r), Output.json(doc));
    }

    ApiResponse forecasts(ApiRequest r, Caller caller) {
        SeriesInfo s = visibleSeries(r, caller);
        Output.Format format = Output.Format.of(r);
        ZoneId zone = TimeRange.zone(r, settings.defaultZone);
        TimeRange range = TimeRange.of(r, zone, settings.maxRangeRaw);
        String issued = r.param("issuedBefore");
        Instant issuedBefore = issued == null ? ForecastStore.NEWEST : TimeRange.instant(issued, "issuedBefore", zone);
        List<Map<String, Object>> points = new ArrayList<>();
        for (Forecast f : forecasts.latest(s.id(), range.from(), range.to(), issuedBefore)) {
            if (points.size() == settings.maxPoints) {
                throw ApiProblem.badRequest("the time range holds more than " + settings.maxPoints
                        + " forecast values; ask for a shorter range");
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("start", range.format(f.start()));
            p.put("end", range.format(f.end()));
            p.put("value", f.value());
            p.put("issuedAt", range.format(f.issuedAt()));
            p.put("model", f.model());
            points.add(p);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("series", s.id());
        doc.put("quantity", s.quantity());
        doc.put("unit", s.unit());
        doc.put("from", range.format(range.from()));
        doc.put("to", range.format(range.to()));
        doc.put("timeZone", zone.getId());
        putAttribution(doc, s.id());
        doc.put("points", points);
        return ApiResponse.of(format, doc, List.of("start", "end", "value", "issuedAt", "model"), points);
    }

    ApiResponse datasets(ApiRequest r, Caller caller) {
        Output.Format format = Output.Format.of(r);
        List<Map<String, Object>> items = new ArrayList<>();
        for (Dataset d : directory.datasets()) {
            if (access.canSee(caller, d)) {
                items.add(dataset(d));
            }
        }
        return list(format, items, null, DATASET_COLUMNS);
    }

    ApiResponse dataset(ApiRequest r, Caller caller) {
        Output.Format format = Output.Format.of(r);
        String id = r.pathId();
        Dataset d = id == null ? null : directory.dataset(id).filter(x -> access.canSee(caller, x)).orElse(null);
        if (d == null) {
            throw ApiProblem.notFound("no dataset '" + ApiProblem.echo(id != null ? id : r.rawPathId()) + "'");
        }
        Map<String, Object> item = dataset(d);
        return ApiResponse.of(format, item, DATASET_COLUMNS, List.of(item));
    }

    private SeriesInfo visibleSeries(ApiRequest r, Caller caller) {
        String id = r.pathId();
        SeriesInfo s = id == null ? null : catalogue.series(id).filter(x -> access.canSee(caller, x)).orElse(null);
        if (s == null) {
            throw ApiProblem.notFound("no series '" + ApiProblem.echo(id != null ? id : r.rawPathId()) + "'");
        }
        return s;
    }

    private static final List<String> ASSET_COLUMNS =
            List.of("id", "name", "kind", "lat", "lon", "district", "postcode", "ratedPowerW");
    private static final List<String> SERIES_COLUMNS = List.of("id", "asset", "quantity", "unit", "qualifier");
    private static final List<String> DATASET_COLUMNS =
            List.of("id", "title", "description", "licence", "attribution", "public");

    /** Only these fields of an asset are published: external ids (market/metering locations …) are not. */
    private static Map<String, Object> asset(Asset a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("name", a.name());
        m.put("kind", a.kind());
        m.put("lat", a.lat());
        m.put("lon", a.lon());
        m.put("district", a.district());
        m.put("postcode", a.postcode());
        m.put("ratedPowerW", a.ratedPowerW());
        return m;
    }

    /** Open data is published with its attribution and licence (kept per series in series_meta). */
    private void putAttribution(Map<String, Object> doc, String seriesId) {
        if (seriesMeta == null) {
            return;
        }
        seriesMeta.attributionOf(seriesId).ifPresent(a -> {
            doc.put("attribution", a.line());
            doc.put("licence", a.licenceId());
            doc.put("licenceUrl", a.licenceUrl());
        });
    }

    private static Map<String, Object> series(SeriesInfo s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("asset", s.assetId());
        m.put("quantity", s.quantity());
        m.put("unit", s.unit());
        m.put("qualifier", s.qualifier());
        return m;
    }

    private static Map<String, Object> dataset(Dataset d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("title", d.title());
        m.put("description", d.description());
        m.put("licence", d.licence());
        m.put("attribution", d.attribution());
        m.put("public", d.isPublic());
        Map<String, Object> contents = new LinkedHashMap<>();
        Selection s = d.selection();
        putIfAny(contents, "series", s.series());
        putIfAny(contents, "assets", s.assets());
        putIfAny(contents, "kinds", s.kinds());
        putIfAny(contents, "districts", s.districts());
        putIfAny(contents, "postcodes", s.postcodes());
        putIfAny(contents, "quantities", s.quantities());
        m.put("contents", contents);
        return m;
    }

    private static void putIfAny(Map<String, Object> m, String key, java.util.Set<String> values) {
        if (!values.isEmpty()) {
            m.put(key, values.stream().sorted().toList());
        }
    }

    private static ApiResponse list(Output.Format format, List<Map<String, Object>> items, String next, List<String> columns) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("items", items);
        doc.put("next", next);
        ApiResponse response = ApiResponse.of(format, doc, columns, items);
        if (next != null) {
            response.header("X-Next-Cursor", next);
        }
        return response;
    }

    private static String nextCursor(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("after:" + lastId).getBytes(StandardCharsets.UTF_8));
    }

    private static String cursor(ApiRequest r) {
        String c = r.param("cursor");
        if (c == null) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(c), StandardCharsets.UTF_8);
            if (text.startsWith("after:") && text.length() > 6) {
                return text.substring(6);
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw ApiProblem.badRequest("cursor is not valid; use the 'next' value of the previous page");
    }
}
