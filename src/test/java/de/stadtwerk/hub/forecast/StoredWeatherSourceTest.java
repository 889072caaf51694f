package de.stadtwerk.hub.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import de.stadtwerk.hub.model.Forecast;
import de.stadtwerk.hub.store.ForecastStore;
import de.stadtwerk.hub.store.SeriesRegistry;
import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.store.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Weather from the forecast store: the hour grid, the replay shift, and the live mode that never shifts. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredWeatherSourceTest {

    @TempDir
    static Path dir;
    StoreDatabase db;
    ForecastStore store;

    @BeforeAll
    void storeTheRecordedRun() {
        db = TestDatabases.h2(dir);
        store = new ForecastStore(db.dataSource(), db.dialect(), new SeriesRegistry(db.dialect(), Clock.systemUTC()), 500);
        store.write(EnergiewetterFixtures.recordedRun());
    }

    @AfterAll
    void close() {
        db.close();
    }

    @Test
    void theRecordedRunIsReadOnItsOwnDaysAsHourlyWeather() {
        Instant from = Instant.parse("2023-04-12T10:00:00Z");
        WeatherRun run = new StoredWeatherSource(store, EnergiewetterFixtures.ASSET, false)
                .forecast(from, from.plus(Duration.ofHours(72)));
        assertThat(run.replayed()).isFalse();
        assertThat(run.issuedAt()).isEqualTo(Instant.parse("2023-04-12T09:00:00Z"));
        assertThat(run.model()).isEqualTo("DWD MOSMIX_L");
        assertThat(run.hours()).hasSize(72);
        WeatherHour noon = run.hours().get(2);
        assertThat(noon.start()).isEqualTo(Instant.parse("2023-04-12T12:00:00Z"));
        assertThat(noon.globalIrradianceWm2()).isBetween(50.0, 1000.0);
        assertThat(noon.windSpeed10mMs()).isNotNull();
        assertThat(noon.temperatureC()).isBetween(-10.0, 30.0);
        assertThat(noon.cloudCoverOctas()).isBetween(0.0, 8.0);
        WeatherHour midnight = run.hours().get(14);
        assertThat(midnight.start()).isEqualTo(Instant.parse("2023-04-13T00:00:00Z"));
        assertThat(midnight.globalIrradianceWm2()).isZero();
    }

    @Test
    void inReplayModeTheRecordedRunIsShiftedByWholeDaysToStandForNow() {
        Instant now = Instant.parse("2026-11-28T15:00:00Z");
        WeatherRun run = new StoredWeatherSource(store, EnergiewetterFixtures.ASSET, true)
                .forecast(now, now.plus(Duration.ofHours(72)));
        assertThat(run.replayed()).isTrue();
        assertThat(run.shift().toHours() % 24).isZero();
        assertThat(run.hours()).hasSize(72);
        assertThat(run.hours().get(0).start()).isEqualTo(now);
        // day and night stay where they were: midnight UTC has no sun
        assertThat(run.hours()).filteredOn(h -> h.start().atZone(ZoneOffset.UTC).getHour() == 0)
                .allSatisfy(h -> assertThat(h.globalIrradianceWm2()).isZero());
        // the original value of the same UTC hour
        Instant original = run.hours().get(0).start().minus(run.shift());
        List<Forecast> stored = store.latest(EnergiewetterFixtures.ASSET + ".global_irradiance", original,
                original.plusSeconds(1), ForecastStore.NEWEST);
        assertThat(run.hours().get(0).globalIrradianceWm2()).isEqualTo(stored.get(0).value());
    }

    @Test
    void inLiveModeNothingIsShiftedAndMissingWeatherStaysMissing() {
        Instant now = Instant.parse("2026-11-28T15:00:00Z");
        WeatherRun run = new StoredWeatherSource(store, EnergiewetterFixtures.ASSET, false)
                .forecast(now, now.plus(Duration.ofHours(72)));
        assertThat(run.isEmpty()).isTrue();
        assertThat(run.replayed()).isFalse();
        assertThat(run.issuedAt()).isNull();
    }

    @Test
    void anUnknownWeatherAssetHasNoWeatherInEitherMode() {
        Instant now = Instant.parse("2026-11-28T15:00:00Z");
        assertThat(new StoredWeatherSource(store, "dwd-99999", true).forecast(now, now.plusSeconds(7200)).isEmpty()).isTrue();
    }

    @Test
    void theShiftCarriesTheFirstHourIntoTheLastDayBeforeFrom() {
        Instant from = Instant.parse("2026-11-28T15:00:00Z");
        Duration shift = StoredWeatherSource.shiftFor(Instant.parse("2023-04-12T09:00:00Z"), from);
        Instant first = Instant.parse("2023-04-12T09:00:00Z").plus(shift);
        assertThat(first).isBeforeOrEqualTo(from).isAfter(from.minus(Duration.ofDays(1)));
        assertThat(StoredWeatherSource.shiftFor(from.minusSeconds(3600), from)).isZero();
    }
}
