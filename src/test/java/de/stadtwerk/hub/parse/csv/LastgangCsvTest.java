package de.stadtwerk.hub.parse.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The quarter-hour load profile export ({@code config/csv-profiles/lastgang-15min.properties}). */
class LastgangCsvTest {

    private static final String PROFILE = "lastgang-15min";

    @Test
    void springDayHas23HoursAnd92QuarterHours() {
        List<Observation> obs = CsvFixtures.read(PROFILE, "lastgang-dst-spring-2024-03-31.csv");

        assertThat(obs).hasSize(92);
        assertContiguous(obs, Instant.parse("2024-03-30T23:00:00Z"), Instant.parse("2024-03-31T22:00:00Z"));
        // "31.03.2024 03:00" ends the quarter-hour 01:45-02:00 CET = 00:45-01:00Z
        assertThat(obs.get(7)).extracting(Observation::start, Observation::end, Observation::value)
                .containsExactly(Instant.parse("2024-03-31T00:45:00Z"), Instant.parse("2024-03-31T01:00:00Z"), 8056.0);
        assertThat(obs.get(0).seriesId()).isEqualTo("DE0001111111111111111111111111111.energy_import.1-1:1.29.0");
        assertThat(obs).extracting(Observation::unit).containsOnly("Wh");
    }

    @Test
    void autumnDayHas25HoursAnd100QuarterHoursInFileOrder() {
        List<Observation> obs = CsvFixtures.read(PROFILE, "lastgang-dst-autumn-2024-10-27.csv");

        assertThat(obs).hasSize(100);
        assertContiguous(obs, Instant.parse("2024-10-26T22:00:00Z"), Instant.parse("2024-10-27T23:00:00Z"));
    }

    @Test
    void autumnDayWithTwoInterleavedMetersResolvesTheRepeatedHourPerMeter() {
        List<Observation> obs = CsvFixtures.read(PROFILE, "lastgang-dst-autumn-two-meters-interleaved.csv");

        Map<String, List<Observation>> byMeter = obs.stream().collect(Collectors.groupingBy(Observation::assetId));
        assertThat(byMeter).hasSize(2);
        byMeter.values().forEach(series -> {
            assertThat(series).hasSize(100);
            assertContiguous(series, Instant.parse("2024-10-26T22:00:00Z"), Instant.parse("2024-10-27T23:00:00Z"));
        });
    }

    @Test
    void markerColumnDecidesTheRepeatedHourWhateverTheOrder() {
        CsvProfile marked = withMarker();
        byte[] file = CsvFixtures.bytes("lastgang-dst-autumn-marker-2024-10-27.csv");
        List<Observation> inOrder = new MeterCsvReader(marked).readAll(new ByteArrayInputStream(file), "marker.csv");
        assertThat(inOrder).hasSize(100);
        assertContiguous(inOrder, Instant.parse("2024-10-26T22:00:00Z"), Instant.parse("2024-10-27T23:00:00Z"));

        // move the four B rows before the four A rows: the file-order rule would now swap them, the marker does not
        List<String> lines = new ArrayList<>(List.of(new String(file, Charset.forName("windows-1252")).split("\r\n")));
        List<String> b = new ArrayList<>(lines.subList(12, 16));
        assertThat(b).allMatch(l -> l.endsWith(";B"));
        assertThat(lines.subList(8, 12)).allMatch(l -> l.endsWith(";A"));
        lines.subList(12, 16).clear();
        lines.addAll(8, b);
        byte[] swapped = String.join("\r\n", lines).getBytes(Charset.forName("windows-1252"));
        List<Observation> reordered = new MeterCsvReader(marked).readAll(new ByteArrayInputStream(swapped), "swapped.csv");
        assertThat(reordered).extracting(Observation::start, Observation::value)
                .containsExactlyInAnyOrderElementsOf(inOrder.stream().map(o -> tuple(o.start(), o.value())).toList());
    }

    @Test
    void localTimeInTheSpringGapIsAnErrorNamingTheLine() {
        assertThatThrownBy(() -> CsvFixtures.read(PROFILE, "lastgang-time-in-dst-gap.csv"))
                .isInstanceOf(CsvInputException.class)
                .hasMessage("lastgang-time-in-dst-gap.csv, line 3, column 1 (Zeitstempel): local time 2024-03-31T02:15"
                        + " does not exist in Europe/Berlin: the clocks jump from 02:00 to 03:00 that day");
    }

    @Test
    void utf8WithBomThousandsSeparatorUnitsAndMissingValue() {
        List<Observation> obs = CsvFixtures.read(PROFILE, "lastgang-utf8-bom-thousands.csv");

        assertThat(obs).extracting(Observation::assetId, Observation::value, Observation::quality).containsExactly(
                tuple("DE000BOM", 1_234_500.0, Quality.MEASURED),       // 1.234,5 kWh
                tuple("DE000BOM", 12_345_678.25, Quality.ESTIMATED),    // 12.345.678,25 Wh, "geschätzt"
                tuple("DE000BOM", 500_000.0, Quality.SUBSTITUTED));     // 0,5 MWh; the "---" row is skipped
        assertThat(obs.get(0).start()).isEqualTo(Instant.parse("2024-01-14T23:00:00Z"));
    }

    @Test
    void windows1252UmlautsInHeaderAndStatusAreDecoded() {
        List<Observation> obs = CsvFixtures.read(PROFILE, "lastgang-windows1252-umlauts.csv");

        assertThat(obs).extracting(Observation::assetId).containsOnly("DE000WIN");
        assertThat(obs).extracting(Observation::quality)
                .containsExactly(Quality.SUSPECT, Quality.ESTIMATED, Quality.INVALID);
    }

    @Test
    void badNumberIsAnErrorNamingLineAndColumn() {
        assertThatThrownBy(() -> CsvFixtures.read(PROFILE, "lastgang-bad-number.csv"))
                .isInstanceOf(CsvInputException.class)
                .hasMessage("lastgang-bad-number.csv, line 4, column 3 (Wert): '3,5x' is not a number (decimal separator ',')")
                .satisfies(e -> {
                    assertThat(((CsvInputException) e).line()).isEqualTo(4);
                    assertThat(((CsvInputException) e).column()).isEqualTo(3);
                });
    }

    @Test
    void unknownStatusIsAnError() {
        String csv = "Zeitstempel;Zählpunkt;Wert;Einheit;Status\r\n15.01.2024 00:15;M1;1;kWh;XYZ\r\n";
        assertThatThrownBy(() -> new MeterCsvReader(CsvFixtures.profile(PROFILE))
                .readAll(new ByteArrayInputStream(csv.getBytes(Charset.forName("windows-1252"))), "status.csv"))
                .isInstanceOf(CsvInputException.class)
                .hasMessageStartingWith("status.csv, line 2, column 5 (Status): unknown status 'XYZ'");
    }

    @Test
    void startLabelledExportWithSeparateDateAndTimeColumns() {
        var p = new java.util.Properties();
        p.setProperty("date.column", "1");
        p.setProperty("time.column", "2");
        p.setProperty("time.label", "start");
        p.setProperty("interval", "PT15M");
        p.setProperty("asset", "M7");
        p.setProperty("value.column", "3");
        p.setProperty("quantity", "energy_import");
        p.setProperty("unit", "kWh");
        String csv = "Datum;Uhrzeit;kWh\n27.10.2024;02:45;1,5\n27.10.2024;02:00;2,5\n27.10.2024;24:00;3\n";
        List<Observation> obs = new MeterCsvReader(CsvProfiles.fromProperties("inline", p))
                .readAll(new ByteArrayInputStream(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "inline.csv");
        assertThat(obs).extracting(Observation::start, Observation::end).containsExactly(
                tuple(Instant.parse("2024-10-27T00:45:00Z"), Instant.parse("2024-10-27T01:00:00Z")),
                tuple(Instant.parse("2024-10-27T00:00:00Z"), Instant.parse("2024-10-27T00:15:00Z")),
                tuple(Instant.parse("2024-10-27T23:00:00Z"), Instant.parse("2024-10-27T23:15:00Z")));
    }

    private static CsvProfile withMarker() {
        try (var r = java.nio.file.Files.newBufferedReader(CsvFixtures.PROFILES.resolve(PROFILE + ".properties"))) {
            var p = new java.util.Properties();
            p.load(r);
            p.setProperty("dst.marker.column", "Zeitumstellung");
            return CsvProfiles.fromProperties(PROFILE, p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertContiguous(List<Observation> obs, Instant first, Instant last) {
        assertThat(obs.get(0).start()).isEqualTo(first);
        assertThat(obs.get(obs.size() - 1).end()).isEqualTo(last);
        for (int i = 0; i < obs.size(); i++) {
            assertThat(Duration.between(obs.get(i).start(), obs.get(i).end())).isEqualTo(Duration.ofMinutes(15));
            if (i > 0) {
                assertThat(obs.get(i).start()).as("row %d", i).isEqualTo(obs.get(i - 1).end());
            }
        }
    }
}
