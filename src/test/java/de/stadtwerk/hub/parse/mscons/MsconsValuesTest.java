package de.stadtwerk.hub.parse.mscons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** DTM formats and offsets, QTY qualifiers, STS, readings, cancellations. */
class MsconsValuesTest {

    @Test
    void dtmFormatsAndOffsetsBecomeUtc() {
        MsconsResult r = MsconsFixtures.parse("mscons-dtm-formats-and-offsets.edi");

        assertThat(r.errors()).isEmpty();
        assertThat(r.observations()).extracting(Observation::value, Observation::start, Observation::end).containsExactly(
                // 01:45+01 → 03:00+02 is the quarter-hour across the spring change
                tuple(1000.0, Instant.parse("2024-03-31T00:45:00Z"), Instant.parse("2024-03-31T01:00:00Z")),
                tuple(2000.0, Instant.parse("2024-03-31T01:00:00Z"), Instant.parse("2024-03-31T01:15:00Z")),
                tuple(3000.0, Instant.parse("2024-03-31T01:15:00Z"), Instant.parse("2024-03-31T01:30:00Z")),
                // format 203 without offset: Europe/Berlin winter time
                tuple(4000.0, Instant.parse("2024-01-15T11:00:00Z"), Instant.parse("2024-01-15T11:15:00Z")),
                // format 304 with +0100
                tuple(5000.0, Instant.parse("2024-01-15T11:00:00Z"), Instant.parse("2024-01-15T11:15:00Z")));
        assertThat(r.observations()).extracting(Observation::quality).containsOnly(Quality.MEASURED);
    }

    @Test
    void localTimeInTheDstGapIsRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        EdifactDates.parse("202403310230", "203", java.time.ZoneId.of("Europe/Berlin")))
                .hasMessageContaining("skipped").hasMessageContaining("303");
    }

    @Test
    void qtyQualifiersAndStatusMapToQuality() {
        MsconsResult r = MsconsFixtures.parse("mscons-qty-qualifiers-and-status.edi");

        assertThat(r.errors()).isEmpty();
        assertThat(r.observations()).extracting(Observation::value, Observation::quality).containsExactly(
                tuple(500.0, Quality.MEASURED),      // 220 decimal comma 0,5 kWh
                tuple(1500.0, Quality.SUBSTITUTED),  // 67
                tuple(2500.0, Quality.ESTIMATED),    // 201
                tuple(3500.0, Quality.ESTIMATED),    // Z18
                tuple(4500.0, Quality.ESTIMATED),    // Z31
                tuple(5500.0, Quality.INVALID),      // 20
                tuple(6500.0, Quality.SUSPECT),      // 220 + STS Z33 plausibility note
                tuple(7500.0, Quality.SUBSTITUTED),  // 220 + STS Z32 substitution procedure
                tuple(8500.0, Quality.SUSPECT),      // 67 + STS Z33: the worse wins
                tuple(9500.0, Quality.FORECAST));    // 187
    }

    @Test
    void meterReadingsUseDtm7OrDtm9AsInstant() {
        MsconsResult r = MsconsFixtures.parse("mscons-meter-readings-dtm7-dtm9.edi");

        assertThat(r.errors()).isEmpty();
        assertThat(r.observations()).extracting(Observation::seriesId, Observation::value, Observation::start,
                Observation::isInstant, Observation::quality).containsExactly(
                tuple("DE000555.energy_import.1-1:1.8.0", 12_345_678.0, Instant.parse("2023-12-31T23:00:00Z"), true,
                        Quality.SUSPECT),
                // no unit in QTY: kWh assumed for energy; DTM+9 format 102 is local midnight
                tuple("DE000555.energy_export.1-1:2.8.0", 500_000.0, Instant.parse("2023-12-31T23:00:00Z"), true,
                        Quality.MEASURED));
    }

    @Test
    void cancellationMarksTheValuesInvalid() {
        MsconsResult r = MsconsFixtures.parse("mscons-cancellation.edi");

        assertThat(r.errors()).isEmpty();
        assertThat(r.observations()).hasSize(2).extracting(Observation::quality).containsOnly(Quality.INVALID);
    }

    @Test
    void observationsCarrySourceAndReceiveTime() {
        Instant now = Instant.parse("2024-04-01T06:00:00Z");
        MsconsResult r = new MsconsParser(MsconsOptions.defaults().withSource("legacy-mscons-import", now))
                .parseAll(MsconsFixtures.path("mscons-cancellation.edi"));
        assertThat(r.observations()).extracting(Observation::source, Observation::receivedAt)
                .containsOnly(tuple("legacy-mscons-import", now));
    }
}
