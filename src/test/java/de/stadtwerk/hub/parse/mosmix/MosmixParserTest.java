package de.stadtwerk.hub.parse.mosmix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import de.stadtwerk.hub.model.Forecast;
import de.stadtwerk.hub.parse.Fixtures;
import de.stadtwerk.hub.quarantine.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class MosmixParserTest {

    private static final Instant ISSUED = Instant.parse("2023-04-12T09:00:00Z");
    private static final Instant FIRST_STEP = Instant.parse("2023-04-12T10:00:00Z");

    private final MosmixParser all = new MosmixParser(Set.of());

    @Test
    void realKmlHasHeaderTimeStepsAndAllElements() {
        MosmixDocument doc = all.parse(Fixtures.open("mosmix", "MOSMIX_L_2023041209.kml"));

        assertThat(doc.header().issueTime()).isEqualTo(ISSUED);
        assertThat(doc.header().timeSteps()).hasSize(247);
        assertThat(doc.header().timeSteps().get(0)).isEqualTo(FIRST_STEP);
        assertThat(doc.header().timeSteps().get(246)).isEqualTo(Instant.parse("2023-04-22T16:00:00Z"));
        assertThat(doc.header().model()).isEqualTo("DWD MOSMIX_L");
        assertThat(doc.stations()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo("P0036");
            assertThat(s.name()).isEqualTo("MUENSTER ZENTRUM");
            assertThat(s.elements()).hasSize(114).contains("Rad1h", "TTT", "FF", "DD", "N", "SunD1", "PPPP");
            assertThat(s.lat()).isEqualTo(51.97);
            assertThat(s.lon()).isEqualTo(7.63);
            assertThat(s.elevationM()).isEqualTo(60.0);
            assertThat(s.toAsset().id()).isEqualTo("dwd-P0036");
            assertThat(s.toAsset().kind()).isEqualTo("weather_station");
        });
        // 7 elements x 247 steps, none missing in this issue
        assertThat(doc.forecasts()).hasSize(7 * 247);
        assertThat(doc.forecasts()).allSatisfy(f -> {
            assertThat(f.assetId()).isEqualTo("dwd-P0036");
            assertThat(f.issuedAt()).isEqualTo(ISSUED);
            assertThat(f.model()).isEqualTo("DWD MOSMIX_L");
            assertThat(f.source()).isEqualTo("dwd-mosmix");
        });
    }

    @Test
    void firstStepValuesAreConvertedToCanonicalUnits() {
        Map<String, Forecast> first = firstStep(all.parse(Fixtures.open("mosmix", "MOSMIX_L_2023041209.kml")));

        // Rad1h 510 kJ/m2 in the hour ending 10:00 -> 510000 J / 3600 s = 141.67 W/m2 over 09:00..10:00
        Forecast rad = first.get("global_irradiance");
        assertThat(rad.value()).isCloseTo(141.6667, within(1e-3));
        assertThat(rad.unit()).isEqualTo("W/m2");
        assertThat(rad.start()).isEqualTo(Instant.parse("2023-04-12T09:00:00Z"));
        assertThat(rad.end()).isEqualTo(FIRST_STEP);
        assertThat(rad.seriesId()).isEqualTo("dwd-P0036.global_irradiance");

        assertThat(first.get("temperature").value()).isCloseTo(9.6, within(1e-9));   // 282.75 K
        assertThat(first.get("temperature").unit()).isEqualTo("Cel");
        assertThat(first.get("temperature").start()).isEqualTo(FIRST_STEP);          // an instant
        assertThat(first.get("air_pressure").value()).isCloseTo(997.0, within(1e-9)); // 99700 Pa
        assertThat(first.get("air_pressure").unit()).isEqualTo("hPa");
        assertThat(first.get("wind_speed").value()).isEqualTo(5.14);
        assertThat(first.get("wind_direction").value()).isEqualTo(179.0);
        assertThat(first.get("cloud_cover").value()).isEqualTo(100.0);
        assertThat(first.get("sunshine_duration").value()).isEqualTo(0.0);
        assertThat(first.get("sunshine_duration").start()).isEqualTo(Instant.parse("2023-04-12T09:00:00Z"));
    }

    @Test
    void kmzGivesTheSameAsTheKml() {
        MosmixDocument kmz = all.parse(Fixtures.open("mosmix", "MOSMIX_L_LATEST.kmz"));
        MosmixDocument kml = all.parse(Fixtures.open("mosmix", "MOSMIX_L_2023041209.kml"));

        assertThat(kmz.header()).isEqualTo(kml.header());
        assertThat(kmz.forecasts()).isEqualTo(kml.forecasts());
    }

    @Test
    void stationFilterAndMissingValues() {
        MosmixDocument doc = new MosmixParser(Set.of("10315"))
                .parse(Fixtures.open("mosmix", "mosmix-s-two-stations-missing-values.kml"));

        assertThat(doc.stations()).extracting(MosmixStation::id).containsExactly("10315");
        assertThat(doc.stations().get(0).name()).isEqualTo("MUENSTER/OSNABRÜCK"); // ISO-8859-1 read correctly
        // TTT 2 of 3, Rad1h 2 of 3, PPPP 3 of 3; ww is not taken
        assertThat(doc.forecasts()).hasSize(7);
        assertThat(doc.forecasts()).filteredOn(f -> f.quantity().equals("global_irradiance"))
                .extracting(Forecast::end)
                .containsExactly(Instant.parse("2023-04-12T10:00:00Z"), Instant.parse("2023-04-12T12:00:00Z"));
        assertThat(doc.forecasts()).filteredOn(f -> f.quantity().equals("global_irradiance"))
                .extracting(Forecast::value).containsExactly(100.0, 200.0);
    }

    @Test
    void emptyStationSetTakesAllStations() {
        MosmixDocument doc = all.parse(Fixtures.open("mosmix", "mosmix-s-two-stations-missing-values.kml"));

        assertThat(doc.stations()).extracting(MosmixStation::id).containsExactly("10315", "P0036");
        assertThat(doc.forecasts()).filteredOn(f -> f.assetId().equals("dwd-P0036")).hasSize(5);
    }

    @Test
    void streamingHandsOverOneStationAtATime() {
        List<String> calls = new ArrayList<>();
        MosmixHeader header = all.stream(Fixtures.open("mosmix", "mosmix-s-two-stations-missing-values.kml"),
                new MosmixListener() {
                    @Override
                    public void header(MosmixHeader h) {
                        calls.add("header " + h.timeSteps().size());
                    }

                    @Override
                    public void station(MosmixStation station, List<Forecast> forecasts) {
                        calls.add(station.id() + " " + forecasts.size());
                    }
                });

        assertThat(header.issueTime()).isEqualTo(ISSUED);
        assertThat(calls).containsExactly("header 3", "10315 7", "P0036 5");
    }

    @Test
    void productIsTakenFromTheKmzEntryName() throws IOException {
        byte[] kml = Fixtures.bytes("mosmix", "mosmix-s-two-stations-missing-values.kml");
        MosmixDocument doc = all.parse(zip("MOSMIX_S_2023041209_240.kml", kml));

        assertThat(doc.header().product()).isEqualTo("MOSMIX_S");
        assertThat(doc.forecasts()).allSatisfy(f -> assertThat(f.model()).isEqualTo("DWD MOSMIX_S"));
    }

    @Test
    void truncatedKmlIsRejectedWithItsPosition() {
        assertThatThrownBy(() -> all.parse(Fixtures.truncated("mosmix", "MOSMIX_L_2023041209.kml", 200_000)))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("MOSMIX KML is not well-formed XML at line");
    }

    @Test
    void truncatedKmzIsRejected() {
        assertThatThrownBy(() -> all.parse(Fixtures.truncated("mosmix", "MOSMIX_L_LATEST.kmz", 9_000)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("MOSMIX");
    }

    @Test
    void htmlErrorPageIsNotKml() {
        String html = "<html><head><title>404 Not Found</title></head><body>Not Found</body></html>";

        assertThatThrownBy(() -> all.parse(Fixtures.utf8(html)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("MOSMIX KML is not a KML document: root element is <html>, expected <kml:kml>");
    }

    @Test
    void kmzWithoutKmlIsRejected() throws IOException {
        assertThatThrownBy(() -> all.parse(zip("readme.txt", "hello".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(BadInputException.class)
                .hasMessage("MOSMIX KMZ holds no .kml entry (entries: [readme.txt])");
    }

    @Test
    void valueCountNotMatchingTheTimeStepsIsRejected() {
        String kml = fixture().replace("     282.75     282.65     282.75", "     282.75     282.65");

        assertThatThrownBy(() -> all.parse(latin1(kml)))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("MOSMIX KML: station P0036 element TTT has 2 values but the document has 3"
                        + " time steps (line ");
    }

    @Test
    void nonNumericValueIsRejectedWithStationElementAndTime() {
        String kml = fixture().replace("101300.00", "n/a");

        assertThatThrownBy(() -> all.parse(latin1(kml)))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("MOSMIX KML: station 10315 element PPPP value #2 for 2023-04-12T11:00:00Z is"
                        + " 'n/a', expected a number or '-'");
    }

    @Test
    void missingIssueTimeIsRejected() {
        String kml = fixture().replace("<dwd:IssueTime>2023-04-12T09:00:00.000Z</dwd:IssueTime>", "");

        assertThatThrownBy(() -> all.parse(latin1(kml)))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("MOSMIX KML has no dwd:IssueTime in its dwd:ProductDefinition");
    }

    @Test
    void badTimeStepIsRejected() {
        String kml = fixture().replace("2023-04-12T11:00:00.000Z", "12.04.2023 11:00");

        assertThatThrownBy(() -> all.parse(latin1(kml)))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("MOSMIX KML: dwd:TimeStep '12.04.2023 11:00' is not an ISO-8601 UTC time");
    }

    private static Map<String, Forecast> firstStep(MosmixDocument doc) {
        return doc.forecasts().stream().filter(f -> f.end().equals(FIRST_STEP))
                .collect(Collectors.toMap(Forecast::quantity, Function.identity()));
    }

    private static String fixture() {
        return new String(Fixtures.bytes("mosmix", "mosmix-s-two-stations-missing-values.kml"),
                StandardCharsets.ISO_8859_1);
    }

    private static InputStream latin1(String kml) {
        return new ByteArrayInputStream(kml.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static InputStream zip(String entry, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(entry));
            z.write(content);
            z.closeEntry();
        }
        return new ByteArrayInputStream(out.toByteArray());
    }
}
