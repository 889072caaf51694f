package de.stadtwerk.hub.parse.openmeteo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import de.stadtwerk.hub.model.Forecast;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import de.stadtwerk.hub.parse.Fixtures;
import de.stadtwerk.hub.quarantine.BadInputException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenMeteoParserTest {

    private static final Instant NOW = Instant.parse("2024-03-30T18:00:00Z");
    private static final OpenMeteoSite ENSCHEDE = new OpenMeteoSite("wx-enschede", 52.27, 6.82);
    private static final OpenMeteoSite MUENSTER = new OpenMeteoSite("wx-muenster", 51.96, 7.63);

    private final OpenMeteoParser parser = new OpenMeteoParser();

    @Test
    void realHistoricalAnswerBecomesObservationsInUtcAndSi() {
        List<Observation> obs = parser.observations(
                Fixtures.open("openmeteo", "openmeteo_historical_weather.json"), ENSCHEDE, NOW);

        // temperature_2m and wind_speed_10m, 3 hours each; soil moisture is not taken
        assertThat(obs).hasSize(6);
        Observation t0 = obs.get(3); // variables in the parser's order: wind 10 m first
        assertThat(t0.seriesId()).isEqualTo("wx-enschede.temperature");
        assertThat(t0.value()).isEqualTo(5.8);
        assertThat(t0.unit()).isEqualTo("Cel");
        // local 1953-01-31T00:00 with the answer's utc_offset_seconds 7200 (not the zone's 1953 rule, +1 h)
        assertThat(t0.start()).isEqualTo(Instant.parse("1953-01-30T22:00:00Z"));
        assertThat(t0.end()).isEqualTo(t0.start());
        assertThat(t0.quality()).isEqualTo(Quality.ESTIMATED);
        assertThat(t0.source()).isEqualTo("open-meteo");

        Observation w0 = obs.get(0);
        assertThat(w0.seriesId()).isEqualTo("wx-enschede.wind_speed.10m");
        assertThat(w0.value()).isCloseTo(23.2 / 3.6, within(1e-9)); // km/h -> m/s
        assertThat(w0.unit()).isEqualTo("m/s");
    }

    @Test
    void forecastAcrossDstUsesTheOneOffsetOfTheAnswer() {
        List<Forecast> fc = parser.forecasts(
                Fixtures.open("openmeteo", "openmeteo-forecast-berlin-dst-spring.json"), MUENSTER, NOW);

        // 9 hours x (temperature, radiation, wind 10 m) + 8 wind 100 m values (one null)
        assertThat(fc).hasSize(35).allSatisfy(f -> {
            assertThat(f.issuedAt()).isEqualTo(NOW);
            assertThat(f.model()).isEqualTo("Open-Meteo");
        });
        // "2024-03-31T02:00" does not exist in Berlin; Open-Meteo means 02:00 at +01:00 = 01:00Z
        assertThat(fc).filteredOn(f -> f.quantity().equals("temperature")).extracting(Forecast::start)
                .containsExactly(
                        Instant.parse("2024-03-30T23:00:00Z"), Instant.parse("2024-03-31T00:00:00Z"),
                        Instant.parse("2024-03-31T01:00:00Z"), Instant.parse("2024-03-31T02:00:00Z"),
                        Instant.parse("2024-03-31T03:00:00Z"), Instant.parse("2024-03-31T04:00:00Z"),
                        Instant.parse("2024-03-31T05:00:00Z"), Instant.parse("2024-03-31T06:00:00Z"),
                        Instant.parse("2024-03-31T07:00:00Z"));
    }

    @Test
    void radiationCoversThePrecedingHourAndWindHasHeightQualifiers() {
        List<Forecast> fc = parser.forecasts(
                Fixtures.open("openmeteo", "openmeteo-forecast-berlin-dst-spring.json"), MUENSTER, NOW);

        Forecast lastRadiation = fc.stream().filter(f -> f.quantity().equals("global_irradiance"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(lastRadiation.value()).isEqualTo(85.0);
        assertThat(lastRadiation.unit()).isEqualTo("W/m2");
        assertThat(lastRadiation.start()).isEqualTo(Instant.parse("2024-03-31T06:00:00Z"));
        assertThat(lastRadiation.end()).isEqualTo(Instant.parse("2024-03-31T07:00:00Z"));

        assertThat(fc).filteredOn(f -> f.seriesId().equals("wx-muenster.wind_speed.100m")).hasSize(8)
                .first().satisfies(f -> assertThat(f.value()).isCloseTo(8.5, within(1e-9))); // 30.6 km/h
        assertThat(fc).filteredOn(f -> f.seriesId().equals("wx-muenster.wind_speed.10m")).hasSize(9);
    }

    @Test
    void unixTimesAreAlreadyUtc() {
        List<Forecast> fc = parser.forecasts(
                Fixtures.open("openmeteo", "openmeteo-forecast-unixtime.json"), MUENSTER, NOW);

        assertThat(fc).hasSize(4);
        assertThat(fc.get(0).quantity()).isEqualTo("global_irradiance");
        assertThat(fc.get(0).end()).isEqualTo(Instant.parse("2024-06-20T08:00:00Z"));
        assertThat(fc.get(0).start()).isEqualTo(Instant.parse("2024-06-20T07:00:00Z"));
        assertThat(fc.get(2).seriesId()).isEqualTo("wx-muenster.wind_speed.100m");
        assertThat(fc.get(2).value()).isEqualTo(6.4); // already m/s
    }

    @Test
    void errorAnswerIsRejectedWithItsReason() {
        assertThatThrownBy(() -> parser.values(
                Fixtures.open("openmeteo", "openmeteo-error-invalid-variable.json"), MUENSTER))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Open-Meteo answer for wx-muenster is an error: Cannot initialize SurfaceAndPressureVariable"
                        + " from invalid String value shortwave_radiaton for key hourly");
    }

    @Test
    void arrayShorterThanTimeIsRejected() {
        assertThatThrownBy(() -> parser.values(Fixtures.open("openmeteo", "openmeteo-length-mismatch.json"), MUENSTER))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Open-Meteo answer for wx-muenster: hourly.temperature_2m has 2 values but hourly.time"
                        + " has 3 entries");
    }

    @Test
    void unknownUnitIsRejected() {
        assertThatThrownBy(() -> parser.values(Fixtures.open("openmeteo", "openmeteo-unknown-wind-unit.json"), MUENSTER))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Open-Meteo answer for wx-muenster: hourly_units.wind_speed_10m is 'mp/h', not a unit the"
                        + " hub converts (expected e.g. m/s)");
    }

    @Test
    void answerForAnotherPlaceIsRejected() {
        assertThatThrownBy(() -> parser.values(
                Fixtures.open("openmeteo", "openmeteo_historical_weather.json"), MUENSTER))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Open-Meteo answer for wx-muenster is for 52.26713/6.820702 but the site is at 51.96/7.63"
                        + " (more than 0.5° apart)");
    }

    @Test
    void truncatedAnswerIsRejected() {
        assertThatThrownBy(() -> parser.values(
                Fixtures.truncated("openmeteo", "openmeteo_historical_weather.json", 500), ENSCHEDE))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("Open-Meteo answer for wx-enschede is not valid JSON at line");
    }

    @Test
    void answerWithoutTakenVariablesIsRejected() {
        String json = "{\"latitude\":51.96,\"longitude\":7.64,\"utc_offset_seconds\":0,\"hourly_units\":{\"time\":\"iso8601\"},"
                + "\"hourly\":{\"time\":[\"2024-06-20T10:00\"],\"precipitation\":[0.0]}}";

        assertThatThrownBy(() -> parser.values(Fixtures.utf8(json), MUENSTER))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Open-Meteo answer for wx-muenster has none of the variables [shortwave_radiation,"
                        + " wind_speed_10m, wind_speed_100m, temperature_2m] in 'hourly' (fields: time, precipitation)");
    }

    @Test
    void localTimesWithoutOffsetAreRejected() {
        String json = "{\"latitude\":51.96,\"longitude\":7.64,\"timezone\":\"Europe/Berlin\",\"hourly_units\":{},"
                + "\"hourly\":{\"time\":[\"2024-06-20T10:00\"],\"temperature_2m\":[20.0]}}";

        assertThatThrownBy(() -> parser.values(Fixtures.utf8(json), MUENSTER))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Open-Meteo answer for wx-muenster has local times in timezone 'Europe/Berlin' but no"
                        + " 'utc_offset_seconds' to turn them into UTC");
    }
}
