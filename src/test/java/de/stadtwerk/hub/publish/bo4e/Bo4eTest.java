package de.stadtwerk.hub.publish.bo4e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.stadtwerk.hub.model.Quality;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The BO4E mapping: Lastgang and Energiemenge documents, units, status, Sparte and interval lengths. */
class Bo4eTest {

    private static final Function<Instant, String> UTC = Instant::toString;
    private static final Instant T0 = Instant.parse("2026-11-26T23:00:00Z");

    private static final Bo4e.Series METER = new Bo4e.Series("m-00042.energy_import.1-0:1.8.0", "m-00042",
            "energy_import", "Wh", "1-0:1.8.0", "51481308448", "DE0001234567890000000000000000042");

    private static List<Bo4e.Value> quarterHours(Quality... qualities) {
        return java.util.stream.IntStream.range(0, qualities.length).mapToObj(i -> new Bo4e.Value(
                T0.plusSeconds(900L * i), T0.plusSeconds(900L * (i + 1)), 1250.0 + i, qualities[i])).toList();
    }

    @Test
    void aLastgangCarriesLocationsObisIntervalAndOneValuePerInterval() {
        List<Bo4e.Value> values = quarterHours(Quality.MEASURED, Quality.SUBSTITUTED, Quality.SUSPECT);
        Map<String, Object> doc = Bo4e.lastgang(METER, values, Bo4e.regularInterval(values), UTC);
        assertThat(doc).containsEntry("_typ", "LASTGANG").containsEntry("_version", Bo4e.VERSION)
                .containsEntry("sparte", "STROM").containsEntry("messgroesse", "KWH")
                .containsEntry("obisKennzahl", "1-0:1.8.0")
                .containsEntry("marktlokation", Map.of("_typ", "MARKTLOKATION", "marktlokationsId", "51481308448"))
                .containsEntry("messlokation", Map.of("_typ", "MESSLOKATION",
                        "messlokationsId", "DE0001234567890000000000000000042"))
                .containsEntry("zeitIntervallLaenge", Map.of("_typ", "MENGE", "wert", 15L, "einheit", "MINUTE"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> werte = (List<Map<String, Object>>) doc.get("werte");
        assertThat(werte).hasSize(3);
        assertThat(werte.get(0)).containsEntry("wert", 1.25).containsEntry("status", "ABGELESEN")
                .containsEntry("zeitraum", Map.of("_typ", "ZEITRAUM", "startdatum", "2026-11-26T23:00:00Z",
                        "enddatum", "2026-11-26T23:15:00Z"));
        assertThat(werte.get(1)).containsEntry("wert", 1.251).containsEntry("status", "ERSATZWERT");
        assertThat(werte.get(2)).containsEntry("status", "VORLAEUFIGERWERT");
    }

    @Test
    void anEnergiemengeIsAtTheMarketLocationWithOneVerbrauchPerInterval() {
        Map<String, Object> doc = Bo4e.energiemenge(METER, quarterHours(Quality.MEASURED, Quality.FORECAST), UTC);
        assertThat(doc).containsEntry("_typ", "ENERGIEMENGE").containsEntry("lokationsId", "51481308448")
                .containsEntry("lokationstyp", "MALO");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> verbrauch = (List<Map<String, Object>>) doc.get("energieverbrauch");
        assertThat(verbrauch).hasSize(2);
        assertThat(verbrauch.get(0)).containsEntry("startdatum", "2026-11-26T23:00:00Z")
                .containsEntry("enddatum", "2026-11-26T23:15:00Z").containsEntry("wertermittlungsverfahren", "MESSUNG")
                .containsEntry("obisKennzahl", "1-0:1.8.0").containsEntry("wert", 1.25).containsEntry("einheit", "KWH");
        assertThat(verbrauch.get(1)).containsEntry("wertermittlungsverfahren", "PROGNOSE");
    }

    @Test
    void withoutLocationIdsTheAssetIsTheMeteringLocation() {
        Bo4e.Series plain = new Bo4e.Series("pv-1.energy_export", "pv-1", "energy_export", "kWh", null, null, null);
        Map<String, Object> em = Bo4e.energiemenge(plain, quarterHours(Quality.MEASURED), UTC);
        assertThat(em).containsEntry("lokationsId", "pv-1").containsEntry("lokationstyp", "MELO");
        Map<String, Object> lg = Bo4e.lastgang(plain, List.of(), null, UTC);
        assertThat(lg).doesNotContainKeys("marktlokation", "obisKennzahl", "zeitIntervallLaenge")
                .containsEntry("messlokation", Map.of("_typ", "MESSLOKATION", "messlokationsId", "pv-1"));
    }

    @Test
    void unitsMapToMengeneinheitenAndOthersAreRefused() {
        assertThat(Bo4e.unit("Wh")).contains(new Bo4e.Unit("KWH", 0.001, true));
        assertThat(Bo4e.unit("W")).contains(new Bo4e.Unit("KW", 0.001, false));
        assertThat(Bo4e.unit("MWh")).contains(new Bo4e.Unit("MWH", 1, true));
        assertThat(Bo4e.unit("m3")).contains(new Bo4e.Unit("KUBIKMETER", 1, false));
        assertThat(Bo4e.unit("Cel")).isEmpty();
        Bo4e.Series temperature = new Bo4e.Series("ws-1.temperature", "ws-1", "temperature", "Cel", null, null, null);
        assertThatThrownBy(() -> Bo4e.lastgang(temperature, List.of(), null, UTC))
                .hasMessageContaining("Cel, which has no BO4E Mengeneinheit");
        Bo4e.Series power = new Bo4e.Series("pv-1.active_power", "pv-1", "active_power", "W", null, null, null);
        assertThatThrownBy(() -> Bo4e.energiemenge(power, List.of(), UTC))
                .hasMessageContaining("needs an energy series").hasMessageContaining("bo4e-lastgang");
        Map<String, Object> lg = Bo4e.lastgang(power, List.of(new Bo4e.Value(T0, T0, 99_500, Quality.MEASURED)), null, UTC);
        assertThat(lg).containsEntry("messgroesse", "KW");
    }

    @Test
    void everyQualityHasAStatusAndAggregatesHaveNone() {
        for (Quality q : Quality.values()) {
            assertThat(Bo4e.status(q)).isNotBlank();
        }
        assertThat(Bo4e.status(Quality.FORECAST)).isEqualTo("PROGNOSEWERT");
        assertThat(Bo4e.status(Quality.INVALID)).isEqualTo("NICHT_VERWENDBAR");
        assertThat(Bo4e.status(Quality.ESTIMATED)).isEqualTo("VORSCHLAGSWERT");
        assertThat(Bo4e.status(null)).isNull();
    }

    @Test
    void sparteFollowsTheObisMediumOrTheUnit() {
        assertThat(Bo4e.sparte(series("7-0:3.8.0", "m3"))).isEqualTo("GAS");
        assertThat(Bo4e.sparte(series("6-0:1.0.0", "Wh"))).isEqualTo("FERNWAERME");
        assertThat(Bo4e.sparte(series("8-0:1.0.0", "m3"))).isEqualTo("WASSER");
        assertThat(Bo4e.sparte(series(null, "m3"))).isEqualTo("WASSER");
        assertThat(Bo4e.sparte(series("1.8.0", "Wh"))).isEqualTo("STROM");
    }

    @Test
    void intervalLengthsInTheLargestWholeUnit() {
        assertThat(Bo4e.intervalLength(Duration.ofHours(1))).containsEntry("wert", 1L).containsEntry("einheit", "STUNDE");
        assertThat(Bo4e.intervalLength(Duration.ofDays(1))).containsEntry("wert", 1L).containsEntry("einheit", "TAG");
        assertThat(Bo4e.intervalLength(Duration.ofSeconds(10))).containsEntry("wert", 10L).containsEntry("einheit", "SEKUNDE");
        assertThat(Bo4e.regularInterval(List.of(new Bo4e.Value(T0, T0.plusSeconds(900), 1, null),
                new Bo4e.Value(T0, T0.plusSeconds(3600), 1, null)))).as("irregular").isNull();
    }

    private static Bo4e.Series series(String qualifier, String unit) {
        return new Bo4e.Series("x", "x", "q", unit, qualifier, null, null);
    }
}
