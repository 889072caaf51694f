package de.stadtwerk.hub.parse.smard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import de.stadtwerk.hub.parse.Fixtures;
import de.stadtwerk.hub.quarantine.BadInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmardParserTest {

    private static final Instant RECEIVED = Instant.parse("2022-06-22T13:00:00Z");
    private static final Instant WEEK = Instant.ofEpochMilli(1655676000000L); // Mon 2022-06-20 00:00 Berlin

    private final SmardParser parser = new SmardParser();
    private final SmardRequest solarHourly = new SmardRequest(SmardFilter.SOLAR, "DE", SmardResolution.HOUR);

    @Test
    void indexListsTheWeeklyFileStarts() {
        List<Instant> index = parser.parseIndex(Fixtures.open("smard", "smard-index-hour.json"), solarHourly);

        assertThat(index).hasSize(4).last().isEqualTo(WEEK);
        assertThat(index.get(0)).isEqualTo(Instant.parse("2022-03-20T23:00:00Z"));
    }

    @Test
    void hourlySolarBecomesEnergyIntervalsInWh() {
        List<Observation> obs = parser.parseSeries(Fixtures.open("smard", "smard-4068-DE-hour-solar-june-day.json"),
                solarHourly, WEEK, RECEIVED);

        // 9 entries, the last two null (not yet published) are skipped
        assertThat(obs).hasSize(7);
        Observation noon = obs.get(3); // 12:00-13:00 CEST = 10:00-11:00 UTC
        assertThat(noon.start()).isEqualTo(Instant.parse("2022-06-20T10:00:00Z"));
        assertThat(noon.end()).isEqualTo(Instant.parse("2022-06-20T11:00:00Z"));
        assertThat(noon.value()).isEqualTo(19_258_500_000.0); // 19,258.5 MWh
        assertThat(noon.unit()).isEqualTo("Wh");
        assertThat(noon.quantity()).isEqualTo("energy");
        assertThat(noon.assetId()).isEqualTo("smard-de");
        assertThat(noon.seriesId()).isEqualTo("smard-de.energy.solar");
        assertThat(noon.quality()).isEqualTo(Quality.MEASURED);
        assertThat(noon.source()).isEqualTo("smard");
        assertThat(noon.receivedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void quarterHourIntervalsAreFifteenMinutes() {
        SmardRequest load = new SmardRequest(SmardFilter.of(410), "DE", SmardResolution.QUARTERHOUR);
        List<Observation> obs = parser.parseSeries(
                Fixtures.open("smard", "smard-410-DE-quarterhour-grid-load.json"), load, null, RECEIVED);

        assertThat(obs).hasSize(4).allSatisfy(o ->
                assertThat(Duration.between(o.start(), o.end())).isEqualTo(Duration.ofMinutes(15)));
        assertThat(obs.get(0).seriesId()).isEqualTo("smard-de.energy.grid_load");
        assertThat(obs.get(0).value()).isEqualTo(15_790_500_000.0);
    }

    @Test
    void springDstChangeGivesConsecutiveUtcHours() {
        SmardRequest wind = new SmardRequest(SmardFilter.WIND_ONSHORE, "DE", SmardResolution.HOUR);
        List<Observation> obs = parser.parseSeries(Fixtures.open("smard", "smard-4067-DE-hour-dst-spring.json"),
                wind, null, RECEIVED);

        // local 00, 01, 03, 04 on 2022-03-27 (02 does not exist) are four consecutive UTC hours
        assertThat(obs).extracting(Observation::start).containsExactly(
                Instant.parse("2022-03-26T23:00:00Z"), Instant.parse("2022-03-27T00:00:00Z"),
                Instant.parse("2022-03-27T01:00:00Z"), Instant.parse("2022-03-27T02:00:00Z"));
    }

    @Test
    void dayResolutionFollowsTheGermanCalendar() {
        Instant dstDay = Instant.parse("2022-03-26T23:00:00Z"); // 2022-03-27 00:00 CET

        assertThat(SmardResolution.DAY.endOf(dstDay)).isEqualTo(Instant.parse("2022-03-27T22:00:00Z")); // 23 h
        assertThat(SmardResolution.HOUR.endOf(dstDay)).isEqualTo(Instant.parse("2022-03-27T00:00:00Z"));
    }

    @Test
    void unknownFilterIsAnEnergySeriesNamedByItsId() {
        SmardFilter f = SmardFilter.of(9999);

        assertThat(f.qualifier()).isEqualTo("filter-9999");
        assertThat(f.unit()).isEqualTo("MWh");
        assertThat(SmardFilter.of(4068)).isSameAs(SmardFilter.SOLAR);
    }

    @Test
    void truncatedSeriesIsRejected() {
        assertThatThrownBy(() -> parser.parseSeries(Fixtures.open("smard", "smard-series-truncated.json"),
                solarHourly, WEEK, RECEIVED))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("SMARD series 4068/DE/4068_DE_hour_1655676000000.json is not valid JSON at line");
    }

    @Test
    void changedFormatIsRejectedWithTheEntry() {
        assertThatThrownBy(() -> parser.parseSeries(Fixtures.open("smard", "smard-series-changed-format.json"),
                solarHourly, WEEK, RECEIVED))
                .isInstanceOf(BadInputException.class)
                .hasMessage("SMARD series 4068/DE/4068_DE_hour_1655676000000.json: series[0] is"
                        + " '{\"timestamp\":1655712000000,\"value\":14856.75}', expected [epoch_ms, value|null]");
    }

    @Test
    void missingSeriesIsRejectedNamingTheFieldsFound() {
        assertThatThrownBy(() -> parser.parseSeries(Fixtures.open("smard", "smard-series-missing-series.json"),
                solarHourly, null, RECEIVED))
                .isInstanceOf(BadInputException.class)
                .hasMessage("SMARD series 4068/DE (hour) has no 'series' field (fields: meta_data, data)");
    }

    @Test
    void htmlErrorPageIsRejected() {
        assertThatThrownBy(() -> parser.parseIndex(Fixtures.utf8("<!DOCTYPE html><html><body>Fehler</body></html>"),
                solarHourly))
                .isInstanceOf(BadInputException.class)
                .hasMessage("SMARD index 4068/DE/index_hour.json is not JSON but an HTML page starting with"
                        + " '<!DOCTYPE html><html><body>Fehler</body></html>'");
    }

    @Test
    void textValueIsRejected() {
        String json = "{\"meta_data\":{},\"series\":[[1655712000000,\"14.856,75\"]]}";

        assertThatThrownBy(() -> parser.parseSeries(Fixtures.utf8(json), solarHourly, null, RECEIVED))
                .isInstanceOf(BadInputException.class)
                .hasMessage("SMARD series 4068/DE (hour): series[0][1] at 2022-06-20T08:00:00Z is '\"14.856,75\"',"
                        + " expected a number or null");
    }

    @Test
    void timestampsGoingBackwardsAreRejected() {
        String json = "{\"series\":[[1655715600000,1.0],[1655712000000,2.0]]}";

        assertThatThrownBy(() -> parser.parseSeries(Fixtures.utf8(json), solarHourly, null, RECEIVED))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("series[1] at 2022-06-20T08:00:00Z is not after the previous entry");
    }

    @Test
    void indexWithoutTimestampsIsRejected() {
        assertThatThrownBy(() -> parser.parseIndex(Fixtures.utf8("{\"timestamp\":[1]}"), solarHourly))
                .isInstanceOf(BadInputException.class)
                .hasMessage("SMARD index 4068/DE/index_hour.json has no 'timestamps' field (fields: timestamp)");
    }
}
