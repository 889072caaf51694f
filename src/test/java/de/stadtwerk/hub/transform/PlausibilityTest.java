package de.stadtwerk.hub.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quantity;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlausibilityTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private final Plausibility plausibility = Plausibility.defaults();

    private String check(String quantity, double value, String unit, Instant start) {
        return plausibility.check(Observation.of("a", quantity, value, unit, start), Quantity.ofCode(quantity), NOW);
    }

    @Test
    void plausibleValuesPass() {
        assertThat(check("temperature", 21.5, "Cel", NOW)).isNull();
        assertThat(check("global_irradiance", 850, "W/m2", NOW.minusSeconds(3600))).isNull();
        assertThat(check("energy_import", 0, "Wh", NOW.plusSeconds(3600))).isNull();
    }

    @Test
    void valuesOutsideTheRangeOfTheQuantityFail() {
        assertThat(check("temperature", 250 + 1000, "Cel", NOW)).contains("outside the plausible range of temperature");
        assertThat(check("global_irradiance", -5, "W/m2", NOW)).contains("outside");
        assertThat(check("energy_import", -1, "Wh", NOW)).contains("outside");
    }

    @Test
    void nonFiniteValuesFail() {
        assertThat(check("temperature", Double.NaN, "Cel", NOW)).contains("not a finite number");
        assertThat(check("temperature", Double.POSITIVE_INFINITY, "Cel", NOW)).contains("not a finite number");
    }

    @Test
    void timesFarInTheFutureOrPastFail() {
        assertThat(check("temperature", 10, "Cel", NOW.plusSeconds(2 * 86400))).contains("in the future");
        assertThat(check("temperature", 10, "Cel", Instant.parse("1970-01-01T00:00:00Z"))).contains("before the earliest");
    }

    @Test
    void endBeforeStartFails() {
        Observation o = Observation.interval("a", "energy_import", 1, "Wh", NOW, NOW.minusSeconds(900));
        assertThat(plausibility.check(o, Quantity.ENERGY_IMPORT, NOW)).contains("before start");
    }

    @Test
    void aNarrowedRangeFlagsPossibleValuesAndAWidenedOneAcceptsThem() {
        Plausibility site = new Plausibility(java.time.Duration.ofDays(1), Instant.EPOCH,
                Plausibility.parseRanges("temperature=-40..60; level=0..25; price=-50000..500000"));
        Observation warm = Observation.of("a", "temperature", 70, "Cel", NOW);
        // 70 °C is possible (physical range -90..1000), only not at this installation: passes, flagged
        assertThat(site.check(warm, Quantity.TEMPERATURE, NOW)).isNull();
        assertThat(site.rangeFlag(warm, Quantity.TEMPERATURE)).contains("[-40.0, 60.0]").contains("hub.plausibility.ranges");
        assertThat(site.rangeFlag(Observation.of("a", "temperature", 20, "Cel", NOW), Quantity.TEMPERATURE)).isNull();
        // outside both ranges: physically impossible, fails
        assertThat(site.check(Observation.of("a", "temperature", 1500, "Cel", NOW), Quantity.TEMPERATURE, NOW))
                .contains("outside the plausible range");
        // a widened range accepts what the physical one would not
        Observation dear = Observation.of("a", "price", 200000, "EUR/MWh", NOW);
        assertThat(site.check(dear, Quantity.PRICE, NOW)).isNull();
        assertThat(site.rangeFlag(dear, Quantity.PRICE)).isNull();
        assertThat(Plausibility.parseRanges("")).isEmpty();
        assertThat(Plausibility.parseRanges("level=0..25")).containsEntry(Quantity.LEVEL, new Plausibility.Range(0, 25));
    }

    @Test
    void badRangeConfigurationIsNamed() {
        assertThatThrownBy(() -> Plausibility.parseRanges("temperature=-40-60")).hasMessageContaining("quantity=min..max");
        assertThatThrownBy(() -> Plausibility.parseRanges("temperature=a..b")).hasMessageContaining("bad number");
        assertThatThrownBy(() -> Plausibility.parseRanges("warmth=0..1")).hasMessageContaining("unknown quantity 'warmth'");
        assertThat(Map.of()).isEmpty();
    }
}
