package de.stadtwerk.hub.publish.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.stadtwerk.hub.store.ObservationStream.SeriesInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

/** The three writers on the 25-hour day 2024-10-27 and the 23-hour day 2024-03-31 (Europe/Berlin), 15-minute values. */
class FeedWritersTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final SeriesInfo SERIES = new SeriesInfo("m-1.energy_import", "m-1", "energy_import", "Wh");

    private static FeedPeriod day(String date) {
        return FeedWindow.of("yesterday").period(java.time.LocalDate.parse(date).plusDays(1).atTime(6, 0)
                .atZone(BERLIN).toInstant(), BERLIN);
    }

    private static byte[] write(FeedFormat format, FeedPeriod period, boolean aggregated) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FeedWriter w = FeedWriter.create(format, out);
        w.begin(new FeedHeader("test-feed", "Verbrauch; Test", period, Instant.parse("2024-10-28T05:00:00Z"),
                FeedQuery.OBSERVATIONS, aggregated ? "sum per 1d" : null, List.of(SERIES),
                List.of("Datenbasis: Deutscher Wetterdienst (CC-BY-4.0)")));
        if (aggregated) {
            w.row(new FeedRow(SERIES.id(), period.from(), period.to(), 12345.678, null, 100));
        } else {
            int i = 0;
            for (Instant t = period.from(); t.isBefore(period.to()); t = t.plusSeconds(900)) {
                w.row(new FeedRow(SERIES.id(), t, t.plusSeconds(900), i++ * 0.25 - 1, "MEASURED", -1));
            }
        }
        w.finish();
        return out.toByteArray();
    }

    @Test
    void germanCsvShowsThe25HourDayWithTheDoubledHourAndItsUtcTimes() throws IOException {
        byte[] bytes = write(FeedFormat.CSV_DE, day("2024-10-27"), false);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String csv = new String(bytes, StandardCharsets.UTF_8).substring(1);
        List<String> lines = csv.lines().toList();
        assertThat(csv).contains("\r\n");
        assertThat(lines.get(0)).isEqualTo("# Feed: test-feed – Verbrauch; Test");
        assertThat(lines.get(1)).isEqualTo("# Zeitraum: 27.10.2024 00:00 bis 28.10.2024 00:00 (Europe/Berlin, 25 Stunden)");
        assertThat(lines).contains("# Quelle: Datenbasis: Deutscher Wetterdienst (CC-BY-4.0)");
        int head = lines.indexOf("Zeitreihe;Anlage;Größe;Einheit;Beginn (lokal);Ende (lokal);Beginn (UTC);Ende (UTC);Wert;Qualität");
        List<String> rows = lines.subList(head + 1, lines.size());
        assertThat(rows).hasSize(100);
        assertThat(rows.get(0)).isEqualTo(
                "m-1.energy_import;m-1;energy_import;Wh;27.10.2024 00:00;27.10.2024 00:15;2024-10-26T22:00Z;2024-10-26T22:15Z;-1;MEASURED");
        // 02:00–02:59 twice: first in summer time (UTC 00:xx), then in winter time (UTC 01:xx)
        assertThat(rows.stream().filter(r -> r.contains("Wh;27.10.2024 02:00;"))).hasSize(2);
        assertThat(rows.get(8)).contains(";27.10.2024 02:00;27.10.2024 02:15;2024-10-27T00:00Z;2024-10-27T00:15Z;1;");
        assertThat(rows.get(12)).contains(";27.10.2024 02:00;27.10.2024 02:15;2024-10-27T01:00Z;2024-10-27T01:15Z;2;");
        assertThat(rows.get(5)).contains(";0,25;");
        assertThat(rows.get(99)).contains(";27.10.2024 23:45;28.10.2024 00:00;").endsWith(";23,75;MEASURED");
    }

    @Test
    void germanCsvOfThe23HourDayHasNoHourTwo() throws IOException {
        String csv = new String(write(FeedFormat.CSV_DE, day("2024-03-31"), false), StandardCharsets.UTF_8);
        List<String> rows = csv.lines().filter(l -> l.startsWith("m-1.")).toList();
        assertThat(rows).hasSize(92);
        assertThat(rows).noneMatch(r -> r.contains(";31.03.2024 02:"));
        assertThat(rows.get(7)).contains(";31.03.2024 01:45;31.03.2024 03:00;2024-03-31T00:45Z;2024-03-31T01:00Z;");
        assertThat(csv).contains("(Europe/Berlin, 23 Stunden)");
    }

    @Test
    void aggregatesCarryTheirCountAndNumbersTheirDecimalComma() throws IOException {
        String csv = new String(write(FeedFormat.CSV_DE, day("2024-10-27"), true), StandardCharsets.UTF_8);
        assertThat(csv).contains("# Werte: aggregiert, sum per 1d").contains(";Wert;Anzahl Werte\r\n")
                .contains(";27.10.2024 00:00;28.10.2024 00:00;2024-10-26T22:00Z;2024-10-27T23:00Z;12345,678;100\r\n");
    }

    @Test
    void numbersHaveADecimalCommaWithoutGroupingOrExponent() {
        assertThat(CsvDeFeedWriter.decimal(new StringBuilder(), 1234567.5).toString()).isEqualTo("1234567,5");
        assertThat(CsvDeFeedWriter.decimal(new StringBuilder(), -0.000001).toString()).isEqualTo("-0,000001");
        assertThat(CsvDeFeedWriter.decimal(new StringBuilder(), 1e20).toString()).isEqualTo("100000000000000000000");
        assertThat(CsvDeFeedWriter.decimal(new StringBuilder(), 42).toString()).isEqualTo("42");
        assertThat(CsvDeFeedWriter.field(new StringBuilder(), "a;b \"c\"").toString()).isEqualTo("\"a;b \"\"c\"\"\"");
    }

    @Test
    void xlsxReadsBackWithLocalDatesAndTheInfoSheet() throws IOException {
        byte[] bytes = write(FeedFormat.XLSX, day("2024-10-27"), false);
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(bytes))) {
            List<Row> info = wb.findSheet("Info").orElseThrow().read();
            assertThat(info.get(0).getCellAsString(1)).contains("test-feed");
            assertThat(info.stream().map(r -> r.getCell(1).getText())).contains("Datenbasis: Deutscher Wetterdienst (CC-BY-4.0)");
            List<Row> rows = wb.findSheet("Daten").orElseThrow().read();
            assertThat(rows).hasSize(101);
            assertThat(rows.get(0).getCellAsString(4)).contains("Beginn (lokal)");
            Row first = rows.get(1);
            assertThat(first.getCellAsString(0)).contains("m-1.energy_import");
            assertThat(first.getCellAsDate(4)).contains(LocalDateTime.parse("2024-10-27T00:00"));
            assertThat(first.getCellAsDate(6)).contains(LocalDateTime.parse("2024-10-26T22:00"));
            assertThat(first.getCellAsNumber(7).orElseThrow().doubleValue()).isEqualTo(-1.0);
            assertThat(rows.get(9).getCellAsDate(4)).contains(LocalDateTime.parse("2024-10-27T02:00"));
            assertThat(rows.get(13).getCellAsDate(4)).contains(LocalDateTime.parse("2024-10-27T02:00"));
            assertThat(rows.get(13).getCellAsDate(6)).contains(LocalDateTime.parse("2024-10-27T01:00"));
            assertThat(rows.get(100).getCellAsString(8)).contains("MEASURED");
        }
    }

    @Test
    void jsonHasTheHeaderAndRowsWithUtcAndLocalTimesWithOffsets() throws IOException {
        JsonNode json = new ObjectMapper().readTree(write(FeedFormat.JSON, day("2024-10-27"), false));
        assertThat(json.get("feed").asText()).isEqualTo("test-feed");
        assertThat(json.at("/period/hours").asDouble()).isEqualTo(25.0);
        assertThat(json.at("/period/from").asText()).isEqualTo("2024-10-26T22:00:00Z");
        assertThat(json.get("attribution").get(0).asText()).startsWith("Datenbasis: Deutscher Wetterdienst");
        assertThat(json.at("/series/0/unit").asText()).isEqualTo("Wh");
        JsonNode rows = json.get("rows");
        assertThat(rows).hasSize(100);
        assertThat(rows.get(8).get("startLocal").asText()).isEqualTo("2024-10-27T02:00+02:00");
        assertThat(rows.get(12).get("startLocal").asText()).isEqualTo("2024-10-27T02:00+01:00");
        assertThat(rows.get(12).get("start").asText()).isEqualTo("2024-10-27T01:00:00Z");
        assertThat(rows.get(12).get("value").asDouble()).isEqualTo(2.0);
        assertThat(rows.get(12).get("quality").asText()).isEqualTo("MEASURED");
    }
}
