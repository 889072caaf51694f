package de.stadtwerk.hub.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.stadtwerk.hub.model.Asset;
import de.stadtwerk.hub.model.Forecast;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service: areas, load, calibration, storage as forecasts, and the case without weather. */
class EnergiewetterServiceTest {

    static final Clock CLOCK = EnergiewetterFixtures.clockAt("2026-06-15T09:20:00Z");
    static final Instant FROM = Instant.parse("2026-06-15T09:00:00Z");
    static final EnergiewetterSettings SETTINGS = EnergiewetterSettings.from(new java.util.Properties());

    static EnergiewetterService.Options options(List<String> pvRefs) {
        return new EnergiewetterService.Options("netzgebiet", "Netzgebiet", 72, 100, Map.of(), pvRefs, List.of(),
                StandardLoadModel.BERLIN);
    }

    static AreaLoad slp(HourlyMeasurements m, String series) {
        return new AreaLoad(StandardLoadModel.forState("nw"), SETTINGS.annualKWh(), series, m, 28, StandardLoadModel.BERLIN);
    }

    EnergiewetterService service(WeatherForecastSource weather, List<Forecast> sink, HourlyMeasurements m,
                                 List<String> pvRefs, String loadSeries) {
        return new EnergiewetterService(SETTINGS, options(pvRefs), weather, EnergiewetterFixtures::plants,
                slp(m, loadSeries), new FeedInCalibrator(weather, m, PvModel.defaults(), SETTINGS, 100), sink::addAll, CLOCK);
    }

    @Test
    void issuesEveryAreaForTheNext72HoursAndStoresItAsForecasts() {
        List<Forecast> stored = new ArrayList<>();
        WeatherRun run = EnergiewetterFixtures.sunnyRun(FROM.minus(Duration.ofDays(1)), FROM.plus(Duration.ofDays(4)), 8);
        EnergiewetterIssue issue = service(EnergiewetterFixtures.source(run, List.of()), stored, HourlyMeasurements.none(),
                List.of(), null).issue();

        assertThat(issue.from()).isEqualTo(FROM);
        assertThat(issue.areas()).extracting(EnergiewetterArea::id)
                .containsExactly("netzgebiet", "elberfeld", "nord", "42103", "42111");
        EnergiewetterSignal all = issue.signals().get("netzgebiet");
        assertThat(all.hours()).hasSize(72);
        assertThat(all.hours().get(0).start()).isEqualTo(FROM);
        assertThat(all.ratedPowerW()).isEqualTo(3_099_500.0);
        assertThat(all.hours()).allSatisfy(h -> assertThat(h.loadW()).isPositive());
        assertThat(all.hours().get(3).pvW()).as("PV at noon").isPositive();
        assertThat(all.hours().get(3).windW()).as("8 m/s at 10 m").isPositive();
        assertThat(all.bestWindows()).isNotEmpty();
        // the sub-areas split the load by installed power when no share is configured
        double share = issue.area("nord").loadShare();
        assertThat(share).isCloseTo(3_000_000.0 / 3_099_500.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(issue.signals().get("nord").hours().get(0).loadW())
                .isCloseTo(all.hours().get(0).loadW() * share, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(issue.area("elberfeld").mastrPlants()).containsExactly("pv-rathaus");

        assertThat(stored).extracting(Forecast::seriesId).contains("area-netzgebiet.active_power.pv",
                "area-netzgebiet.active_power.wind", "area-netzgebiet.active_power.load", "area-netzgebiet.ratio.coverage",
                "area-netzgebiet.ratio.availability", "area-42111.ratio.coverage");
        assertThat(stored).allSatisfy(f -> {
            assertThat(f.issuedAt()).isEqualTo(issue.issuedAt());
            assertThat(f.model()).isEqualTo("energiewetter");
        });
        Forecast coverage = stored.stream().filter(f -> f.seriesId().equals("area-netzgebiet.ratio.coverage")).findFirst().orElseThrow();
        assertThat(coverage.unit()).isEqualTo("%");
        assertThat(coverage.value()).isCloseTo(all.hours().get(0).coverage() * 100, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void withoutWeatherThereIsNoSignalAndNothingIsStored() {
        List<Forecast> stored = new ArrayList<>();
        WeatherForecastSource none = EnergiewetterFixtures.source(WeatherRun.none("dwd-10315"), List.of());
        EnergiewetterIssue issue = service(none, stored, HourlyMeasurements.none(), List.of(), null).issue();
        assertThat(issue.hasSignal()).isFalse();
        assertThat(issue.weather().asset()).isEqualTo("dwd-10315");
        assertThat(stored).isEmpty();
    }

    @Test
    void currentReusesTheIssueOfTheCurrentHour() {
        List<Forecast> stored = new ArrayList<>();
        WeatherRun run = EnergiewetterFixtures.sunnyRun(FROM, FROM.plus(Duration.ofDays(3)), 5);
        EnergiewetterService service = service(EnergiewetterFixtures.source(run, List.of()), stored,
                HourlyMeasurements.none(), List.of(), null);
        EnergiewetterIssue first = service.current();
        assertThat(service.current()).isSameAs(first);
        assertThat(stored).isNotEmpty();
    }

    @Test
    void measuredFeedInOfAReferencePlantCorrectsThePvModel() {
        WeatherRun run = EnergiewetterFixtures.sunnyRun(FROM.minus(Duration.ofDays(30)), FROM.plus(Duration.ofDays(3)), 0);
        List<WeatherHour> past = run.hours().stream().filter(h -> h.start().isBefore(FROM)).toList();
        // the plant delivers half of what the model says
        PvSystem ref = PvSystem.typical("pv-rathaus", 51.2565, 7.1499, 99_500);
        Map<Instant, Double> measured = new HashMap<>();
        past.forEach(h -> measured.put(h.start(), 0.5 * PvModel.defaults().power(ref, h)));
        HourlyMeasurements m = (series, from, to) -> series.equals("pv-rathaus.active_power") ? measured : Map.of();
        WeatherForecastSource weather = EnergiewetterFixtures.source(run, past);

        EnergiewetterIssue raw = service(weather, new ArrayList<>(), HourlyMeasurements.none(), List.of("pv-rathaus"), null).issue();
        EnergiewetterIssue corrected = service(weather, new ArrayList<>(), m, List.of("pv-rathaus"), null).issue();

        assertThat(raw.calibration().pv()).isNull();
        assertThat(corrected.calibration().pvReferences()).containsExactly("pv-rathaus");
        assertThat(corrected.calibration().pvSamples()).isGreaterThan(24 * 20);
        double rawNoon = raw.signals().get("elberfeld").hours().get(3).pvW();
        double correctedNoon = corrected.signals().get("elberfeld").hours().get(3).pvW();
        assertThat(correctedNoon / rawNoon).isBetween(0.45, 0.55);
    }

    @Test
    void aMeasuredGridLoadReplacesTheProfilesWhenItHasHistory() {
        WeatherRun run = EnergiewetterFixtures.sunnyRun(FROM, FROM.plus(Duration.ofDays(3)), 5);
        // measured load: a flat 20 MW
        HourlyMeasurements m = (series, from, to) -> {
            Map<Instant, Double> r = new HashMap<>();
            if (series.equals("grid-1.active_power")) {
                for (Instant t = from; t.isBefore(to); t = t.plusSeconds(3600)) {
                    r.put(t, 20e6);
                }
            }
            return r;
        };
        EnergiewetterIssue issue = service(EnergiewetterFixtures.source(run, List.of()), new ArrayList<>(), m, List.of(),
                "grid-1.active_power").issue();
        assertThat(issue.load().method()).isEqualTo(AreaLoad.METHOD_MEASURED);
        assertThat(issue.load().measuredHours()).isGreaterThan(24 * 27);
        assertThat(issue.signals().get("netzgebiet").hours())
                .allSatisfy(h -> assertThat(h.loadW()).isCloseTo(20e6, org.assertj.core.data.Offset.offset(0.5e6)));

        EnergiewetterIssue fallback = service(EnergiewetterFixtures.source(run, List.of()), new ArrayList<>(), m, List.of(),
                "grid-without-data.active_power").issue();
        assertThat(fallback.load().method()).isEqualTo(AreaLoad.METHOD_SLP);
    }

    @Test
    void areaIdsAreSlugs() {
        assertThat(EnergiewetterArea.slug("Düsseldorf-Süd")).isEqualTo("duesseldorf-sued");
        assertThat(EnergiewetterArea.slug("  Groß Öhringen ")).isEqualTo("gross-oehringen");
        assertThat(EnergiewetterArea.slug("42103")).isEqualTo("42103");
        assertThat(EnergiewetterArea.slug("///")).isEqualTo("area");
    }

    @Test
    void aConfiguredShareWinsOverTheShareOfInstalledPower() {
        List<Asset> plants = EnergiewetterFixtures.plants();
        List<EnergiewetterArea> areas = EnergiewetterArea.of("netz", "Netz", plants, Map.of("elberfeld", 0.4), 100);
        assertThat(areas.stream().filter(a -> a.id().equals("elberfeld")).findFirst().orElseThrow().loadShare()).isEqualTo(0.4);
        assertThat(areas.get(0).loadShare()).isEqualTo(1.0);
        assertThat(areas.get(0).plantIds()).containsExactly("pv-rathaus", "wind-nord");
    }

    @Test
    void aWindowLongerThanADayIsRefusedByTheSettings() {
        assertThatThrownBy(() -> new SignalBuilder(SignalThresholds.defaults(), 25, ZoneOffset.UTC))
                .hasMessageContaining("1..24");
    }
}
