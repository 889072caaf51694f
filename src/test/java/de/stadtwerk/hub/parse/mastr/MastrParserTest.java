package de.stadtwerk.hub.parse.mastr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.stadtwerk.hub.model.Asset;
import de.stadtwerk.hub.parse.Fixtures;
import de.stadtwerk.hub.quarantine.BadInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MastrParserTest {

    private final MastrParser muenster = new MastrParser(Set.of("48143", "48155", "48157", "48167"));

    @Test
    void utf16SolarExportFilteredByPostcode() {
        List<MastrUnit> units = muenster.parse(Fixtures.open("mastr", "mastr-einheiten-solar-utf16.xml"),
                "mastr-einheiten-solar-utf16.xml");

        // the Osnabrück unit (49074) is filtered out
        assertThat(units).extracting(MastrUnit::mastrNumber)
                .containsExactly("SEE900000000001", "SEE900000000002", "SEE900000000004");
        MastrUnit rathaus = units.get(0);
        Asset a = rathaus.asset();
        assertThat(a.id()).isEqualTo("mastr-SEE900000000001");
        assertThat(a.name()).isEqualTo("PV Rathausdach");
        assertThat(a.kind()).isEqualTo("pv_plant");
        assertThat(a.ratedPowerW()).isEqualTo(99_840.0); // Bruttoleistung 99.84 kW
        assertThat(a.postcode()).isEqualTo("48143");
        assertThat(a.lat()).isEqualTo(51.961712);
        assertThat(a.lon()).isEqualTo(7.628341);
        assertThat(a.externalIds()).containsEntry("mastr", "SEE900000000001");
        assertThat(rathaus.netRatedPowerW()).isEqualTo(90_000.0);
        assertThat(rathaus.commissioningDate()).isEqualTo(LocalDate.of(2012, 5, 10));
        assertThat(rathaus.place()).isEqualTo("Münster"); // UTF-16 decoded
        assertThat(rathaus.inOperation()).isTrue();

        MastrUnit planned = units.get(2);
        assertThat(planned.commissioningDate()).isNull();
        assertThat(planned.operatingStatusLabel()).isEqualTo("In Planung");
        assertThat(planned.netRatedPowerW()).isNull();
        assertThat(units.get(1).asset().lat()).isNull(); // small unit of a person: no coordinates published
    }

    @Test
    void utf8AndUtf16GiveTheSameUnits() {
        MastrParser all = new MastrParser(Set.of());
        List<MastrUnit> utf16 = all.parse(Fixtures.open("mastr", "mastr-einheiten-solar-utf16.xml"), "utf16");
        List<MastrUnit> utf8 = all.parse(Fixtures.open("mastr", "mastr-einheiten-solar-utf8.xml"), "utf8");

        assertThat(utf16).hasSize(4).isEqualTo(utf8);
    }

    @Test
    void windExportHasHubHeightAndStatus() {
        List<MastrUnit> units = muenster.parse(Fixtures.open("mastr", "mastr-einheiten-wind-utf16.xml"), "wind");

        assertThat(units).hasSize(2);
        MastrUnit gelmer2 = units.get(0);
        assertThat(gelmer2.asset().kind()).isEqualTo("wind_turbine");
        assertThat(gelmer2.asset().ratedPowerW()).isEqualTo(3_300_000.0);
        assertThat(gelmer2.hubHeightM()).isEqualTo(134.0);
        assertThat(gelmer2.commissioningDate()).isEqualTo(LocalDate.of(2016, 11, 24));
        MastrUnit gelmer1 = units.get(1);
        assertThat(gelmer1.hubHeightM()).isEqualTo(65.5); // decimal comma accepted
        assertThat(gelmer1.inOperation()).isFalse();
        assertThat(gelmer1.operatingStatusLabel()).isEqualTo("Endgültig stillgelegt");
    }

    @Test
    void streamingCountsEveryUnitButHandsOverOnlySelectedOnes() {
        List<MastrUnit> seen = new ArrayList<>();
        long read = new MastrParser(Set.of("49074")).stream(
                Fixtures.open("mastr", "mastr-einheiten-solar-utf16.xml"), "solar", seen::add);

        assertThat(read).isEqualTo(4);
        assertThat(seen).extracting(u -> u.asset().name()).containsExactly("Freifläche Hafen");
    }

    @Test
    void truncatedExportIsRejected() {
        byte[] all = Fixtures.bytes("mastr", "mastr-einheiten-solar-utf8.xml");
        int cut = new String(all, StandardCharsets.UTF_8).indexOf("<Bruttoleistung>2500");

        assertThatThrownBy(() -> muenster.parse(new ByteArrayInputStream(all, 0, cut), "EinheitenSolar_1.xml"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("MaStR export 'EinheitenSolar_1.xml' is not well-formed XML at line");
    }

    @Test
    void otherRootElementIsRejected() {
        String xml = "<?xml version=\"1.0\"?><Marktakteure><Marktakteur/></Marktakteure>";

        assertThatThrownBy(() -> muenster.parse(Fixtures.utf8(xml), "Marktakteure.xml"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("MaStR export 'Marktakteure.xml' is not a MaStR unit export: root element is"
                        + " <Marktakteure>, expected <EinheitenSolar> or <EinheitenWind>");
    }

    @Test
    void unitWithoutNumberIsRejected() {
        String xml = "<EinheitenSolar>\n<EinheitSolar><Postleitzahl>48143</Postleitzahl></EinheitSolar>\n</EinheitenSolar>";

        assertThatThrownBy(() -> muenster.parse(Fixtures.utf8(xml), "x.xml"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("MaStR export 'x.xml' <EinheitSolar> at line 2 has no EinheitMastrNummer");
    }

    @Test
    void unreadablePowerIsRejectedNamingUnitAndField() {
        String xml = "<EinheitenWind><EinheitWind><EinheitMastrNummer>SEE1</EinheitMastrNummer>"
                + "<Postleitzahl>48157</Postleitzahl><Bruttoleistung>3,3 MW</Bruttoleistung></EinheitWind></EinheitenWind>";

        assertThatThrownBy(() -> muenster.parse(Fixtures.utf8(xml), "w.xml"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("MaStR export 'w.xml' <EinheitWind> at line 1 (SEE1): Bruttoleistung is '3,3 MW',"
                        + " expected a number");
    }

    @Test
    void htmlPageIsRejected() {
        assertThatThrownBy(() -> muenster.parse(Fixtures.utf8("<html><body>Download fehlgeschlagen</body></html>"),
                "EinheitenWind.xml"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("root element is <html>");
    }
}
