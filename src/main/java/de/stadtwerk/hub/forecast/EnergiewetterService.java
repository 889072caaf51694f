package de.stadtwerk.hub.forecast;

import de.stadtwerk.hub.model.Asset;
import de.stadtwerk.hub.model.Forecast;
import de.stadtwerk.hub.model.Quantity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues the Energiewetter: for each area and each hour from the current one to the horizon, expected PV and wind
 * (weather forecast × installed plants, corrected by measured feed-in where configured), expected load, coverage,
 * availability, level and the best window per day; stores it as forecasts (model {@value #MODEL}) and keeps the newest
 * issue for publication. No weather: an issue without signal (nothing stored).
 */
public final class EnergiewetterService {

    public static final String MODEL = "energiewetter";
    private static final Logger LOG = LoggerFactory.getLogger(EnergiewetterService.class);

    /** What the service needs besides the model settings. */
    public record Options(String areaId, String areaName, int horizonHours, double hubHeightM,
                          Map<String, Double> areaShares, List<String> pvReferences, List<String> windReferences,
                          ZoneId zone) {
        public Options {
            areaShares = Map.copyOf(areaShares);
            pvReferences = List.copyOf(pvReferences);
            windReferences = List.copyOf(windReferences);
        }
    }

    private final EnergiewetterSettings settings;
    private final Options options;
    private final WeatherForecastSource weather;
    private final Supplier<Collection<Asset>> assets;
    private final AreaLoad load;
    private final FeedInCalibrator calibrator;
    private final Consumer<List<Forecast>> sink;
    private final Clock clock;
    private final PvModel pvModel;
    private final WindModel windModel;
    private final SignalBuilder builder;
    private volatile EnergiewetterIssue last;

    public EnergiewetterService(EnergiewetterSettings settings, Options options, WeatherForecastSource weather,
                                Supplier<Collection<Asset>> assets, AreaLoad load, FeedInCalibrator calibrator,
                                Consumer<List<Forecast>> sink, Clock clock) {
        this.settings = settings;
        this.options = options;
        this.weather = weather;
        this.assets = assets;
        this.load = load;
        this.calibrator = calibrator;
        this.sink = sink;
        this.clock = clock;
        this.pvModel = new PvModel(settings.overcastFraction());
        this.windModel = WindModel.uniform(WindProfile.powerLaw(settings.windShear()));
        this.builder = new SignalBuilder(settings.thresholds(), settings.bestWindowHours(), options.zone());
    }

    /** Computes a new issue, stores it (a store failure is thrown) and keeps it as the newest. */
    public synchronized EnergiewetterIssue issue() {
        EnergiewetterIssue issue = compute();
        if (issue.hasSignal()) {
            sink.accept(forecasts(issue));
        }
        last = issue;
        LOG.info("Energiewetter issued at {}: {} area(s), {} hour(s), weather {} {}{}", issue.issuedAt(),
                issue.signals().size(), issue.weather().hours().size(), issue.weather().model(),
                issue.weather().issuedAt(), issue.weather().replayed() ? " (replayed)" : "");
        return issue;
    }

    /** The newest issue when it starts at the current hour; otherwise a new one (stored when the store can). */
    public synchronized EnergiewetterIssue current() {
        EnergiewetterIssue issue = last;
        if (issue != null && issue.from().equals(currentHour()) && issue.hasSignal()) {
            return issue;
        }
        issue = compute();
        if (issue.hasSignal()) {
            try {
                sink.accept(forecasts(issue));
            } catch (RuntimeException e) {
                LOG.warn("Energiewetter computed on request but not stored: {}", e.getMessage());
            }
        }
        last = issue;
        return issue;
    }

    /**
     * The signal of one area of an issue per quarter-hour (see {@link QuarterHourSignal}); empty when the issue has
     * no signal for that area.
     */
    public List<SignalHour> quarterHours(EnergiewetterIssue issue, String areaId) {
        EnergiewetterSignal signal = issue.signals().get(areaId);
        if (signal == null) {
            return List.of();
        }
        return QuarterHourSignal.of(signal, load.quarterShape(issue.from(), issue.to()));
    }

    /** The newest issue, or null before the first. */
    public EnergiewetterIssue last() {
        return last;
    }

    Instant currentHour() {
        return clock.instant().truncatedTo(ChronoUnit.HOURS);
    }

    EnergiewetterIssue compute() {
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant from = currentHour();
        Instant to = from.plus(Duration.ofHours(options.horizonHours()));
        Collection<Asset> all = assets.get();
        List<EnergiewetterArea> areas = EnergiewetterArea.of(options.areaId(), options.areaName(), all,
                options.areaShares(), options.hubHeightM());
        WeatherRun run = weather.forecast(from, to);
        AreaLoad.Estimate estimate = load.hourly(from, to);
        if (run.isEmpty()) {
            return new EnergiewetterIssue(issuedAt, from, to, run, areas, Map.of(), estimate,
                    FeedInCalibrator.Correction.none());
        }
        FeedInCalibrator.Correction correction = calibrator == null ? FeedInCalibrator.Correction.none()
                : calibrator.fit(references(all, options.pvReferences(), EnergiewetterArea.PV_KIND),
                references(all, options.windReferences(), EnergiewetterArea.WIND_KIND),
                from.atZone(ZoneOffset.UTC).toLocalDate());
        Map<Instant, Double> loadByHour = new HashMap<>();
        estimate.hours().forEach(l -> loadByHour.put(l.start(), l.watts()));
        Map<String, EnergiewetterSignal> signals = new LinkedHashMap<>();
        for (EnergiewetterArea area : areas) {
            List<HourlyExpectation> hours = new ArrayList<>();
            for (WeatherHour w : run.hours()) {
                hours.add(new HourlyExpectation(w.start(), w.end(), pv(area, w, correction), wind(area, w, correction),
                        loadByHour.getOrDefault(w.start(), 0.0) * area.loadShare()));
            }
            signals.put(area.id(), builder.build(area.id(), issuedAt, area.ratedPowerW(), hours));
        }
        return new EnergiewetterIssue(issuedAt, from, to, run, areas, signals, estimate, correction);
    }

    private double pv(EnergiewetterArea area, WeatherHour w, FeedInCalibrator.Correction correction) {
        double rated = area.pv().stream().mapToDouble(PvSystem::ratedPowerW).sum();
        if (rated <= 0) {
            return 0.0;
        }
        double modelled = area.pv().stream().mapToDouble(p -> pvModel.power(p, w)).sum();
        if (correction.pv() == null) {
            return modelled;
        }
        int hour = w.start().atZone(ZoneOffset.UTC).getHour();
        return Math.max(0.0, correction.pv().apply(hour, modelled / rated) * rated);
    }

    private double wind(EnergiewetterArea area, WeatherHour w, FeedInCalibrator.Correction correction) {
        if (correction.wind() == null || w.windSpeed10mMs() == null) {
            return area.wind().stream().mapToDouble(t -> windModel.power(t, w)).sum();
        }
        int hour = w.start().atZone(ZoneOffset.UTC).getHour();
        return area.wind().stream().mapToDouble(t -> correction.wind().power(t, hour, w.windSpeed10mMs())).sum();
    }

    private static List<Asset> references(Collection<Asset> all, List<String> ids, String kind) {
        List<Asset> result = new ArrayList<>();
        for (String id : ids) {
            all.stream().filter(a -> a.id().equals(id) && kind.equals(a.kind()) && a.ratedPowerW() != null
                    && a.ratedPowerW() > 0 && a.lat() != null && a.lon() != null).findFirst().ifPresentOrElse(result::add,
                    () -> LOG.debug("Energiewetter reference plant {} is not a {} with rated power and location", id, kind));
        }
        return result;
    }

    /**
     * The issue as forecasts: per area {@code area-<id>.active_power.pv|wind|load} (W) and
     * {@code area-<id>.ratio.coverage|availability} (%).
     */
    public static List<Forecast> forecasts(EnergiewetterIssue issue) {
        List<Forecast> result = new ArrayList<>();
        issue.signals().forEach((areaId, signal) -> {
            String asset = "area-" + areaId;
            for (SignalHour h : signal.hours()) {
                add(result, asset, Quantity.ACTIVE_POWER, "pv", h.pvW(), h, issue);
                add(result, asset, Quantity.ACTIVE_POWER, "wind", h.windW(), h, issue);
                add(result, asset, Quantity.ACTIVE_POWER, "load", h.loadW(), h, issue);
                if (h.coverage() != null) {
                    add(result, asset, Quantity.RATIO, "coverage", h.coverage() * 100.0, h, issue);
                }
                if (h.availability() != null) {
                    add(result, asset, Quantity.RATIO, "availability", h.availability() * 100.0, h, issue);
                }
            }
        });
        return result;
    }

    private static void add(List<Forecast> out, String asset, Quantity q, String qualifier, double value, SignalHour h,
                            EnergiewetterIssue issue) {
        out.add(new Forecast(asset + "." + q.code() + "." + qualifier, asset, q.code(), value, q.canonicalUnit(),
                h.start(), h.end(), issue.issuedAt(), MODEL, MODEL));
    }

    /** Today in the zone of the signal (for the page). */
    public LocalDate today() {
        return clock.instant().atZone(options.zone()).toLocalDate();
    }

    public Options options() {
        return options;
    }

    public EnergiewetterSettings settings() {
        return settings;
    }
}
