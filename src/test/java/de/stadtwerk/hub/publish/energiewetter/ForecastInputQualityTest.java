package de.stadtwerk.hub.publish.energiewetter;

import static org.assertj.core.api.Assertions.assertThat;

import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.store.Aggregation;
import de.stadtwerk.hub.store.ObservationStore;
import de.stadtwerk.hub.store.Resolution;
import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.store.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * B6: values with OPC UA Bad (INVALID) or Uncertain (SUSPECT) status are stored with their quality and shown by
 * the API's aggregates, but the hourly means that calibrate the Energiewetter forecast leave them out.
 */
class ForecastInputQualityTest {

    @TempDir
    Path dir;

    @Test
    void badAndUncertainValuesAreStoredButNotForecastInput() {
        Instant hour = Instant.parse("2026-11-20T10:00:00Z");
        Clock clock = Clock.fixed(hour.plusSeconds(7200), ZoneOffset.UTC);
        try (StoreDatabase db = TestDatabases.h2(dir)) {
            ObservationStore store = new ObservationStore(db.dataSource(), db.dialect(),
                    new QuarantineStore(db.dataSource(), clock), clock, 100);
            String s = "pv-1.active_power";
            store.write(List.of(
                    obs(s, hour, 100, Quality.MEASURED),
                    obs(s, hour.plusSeconds(900), 200, Quality.MEASURED),
                    obs(s, hour.plusSeconds(1800), 90_000, Quality.INVALID),
                    obs(s, hour.plusSeconds(2700), -5_000, Quality.SUSPECT),
                    obs(s, hour.plusSeconds(3600), 7, Quality.INVALID)), List.of());

            assertThat(store.find(s, hour, hour.plusSeconds(7200))).extracting(Observation::quality)
                    .containsExactly(Quality.MEASURED, Quality.MEASURED, Quality.INVALID, Quality.SUSPECT, Quality.INVALID);
            assertThat(store.aggregate(s, hour, hour.plusSeconds(7200), Resolution.HOUR, Aggregation.AVG, ZoneOffset.UTC))
                    .as("the API shows every stored value").extracting(p -> p.count()).containsExactly(4L, 1L);

            Map<Instant, Double> input = EnergiewetterBeans.hourly(store, s, hour, hour.plusSeconds(7200));
            assertThat(input).as("forecast input: the mean of the two measured values; the bad-only hour is absent")
                    .containsExactlyEntriesOf(Map.of(hour, 150.0));
        }
    }

    private static Observation obs(String series, Instant t, double value, Quality q) {
        return new Observation(series, "pv-1", "active_power", value, "W", t, t, q, "opcua", t);
    }
}
