package de.stadtwerk.hub.parse.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import de.stadtwerk.hub.model.Observation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real DWD POI file 10315-BEOB.csv ("Datenbasis: Deutscher Wetterdienst", CC BY 4.0). */
class DwdStationCsvTest {

    @Test
    void readsTheStationFileWithMissingValuesAndUnitsConverted() {
        List<Observation> obs = CsvFixtures.read("dwd-station", "dwd-10315-BEOB.csv");

        assertThat(obs).extracting(Observation::assetId).containsOnly("dwd-10315");
        Instant at = Instant.parse("2023-04-12T11:00:00Z");
        List<Observation> first = obs.stream().filter(o -> o.end().equals(at)).toList();
        // row "12.04.23;11:00": 9,2 °C, 94 %, 997,8 hPa, 8 km/h from 180°, 100 % cloud, 81 W/m2, 0 min sunshine
        assertThat(first).extracting(Observation::quantity, Observation::value, Observation::unit).containsExactly(
                tuple("temperature", 9.2, "Cel"),
                tuple("relative_humidity", 94.0, "%"),
                tuple("air_pressure", 997.8, "hPa"),
                tuple("wind_speed", 2.22222222222, "m/s"),   // 8 km/h, 12 significant digits
                tuple("wind_direction", 180.0, "deg"),
                tuple("cloud_cover", 100.0, "%"),
                tuple("global_irradiance", 81.0, "W/m2"),
                tuple("sunshine_duration", 0.0, "s"));
        // the 6-hour gust column is "---" in this row
        assertThat(obs.stream().filter(o -> "dwd-10315.wind_speed.gust-6h".equals(o.seriesId())))
                .hasSize(4).allMatch(o -> java.time.Duration.between(o.start(), o.end()).toHours() == 6);
        Observation radiation = first.get(6);
        assertThat(radiation.start()).isEqualTo(Instant.parse("2023-04-12T10:00:00Z"));
        assertThat(first.get(0).isInstant()).isTrue();
        assertThat(first.get(0).seriesId()).isEqualTo("dwd-10315.temperature");
    }

    @Test
    void everyRowIsReadAndDashesCountAsMissing() {
        long[] count = new long[1];
        CsvReadSummary s;
        try (var in = CsvFixtures.open("dwd-10315-BEOB.csv")) {
            s = new MeterCsvReader(CsvFixtures.profile("dwd-station")).read(in, "dwd-10315-BEOB.csv", o -> count[0]++);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(s.rows()).isEqualTo(25);
        assertThat(s.observations()).isEqualTo(count[0]);
        assertThat(s.observations() + s.missing()).isEqualTo(25 * 9);
        assertThat(s.missing()).isEqualTo(21);
    }
}
