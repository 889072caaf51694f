package de.stadtwerk.hub.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardLoadModelTest {

    private static final StandardLoadModel MODEL = StandardLoadModel.forState("nw");

    @Test
    void dynamisationPolynomialAndRounding() {
        assertThat(H0Dynamisation.polynomial(1)).isCloseTo(1.2420298, within(1e-6));
        assertThat(H0Dynamisation.factor(LocalDate.of(2024, 1, 1))).isEqualTo(1.2420);
        // the factor is lowest in summer (about 0.8) and back near 1.2 at the year's end
        assertThat(H0Dynamisation.polynomial(200)).isBetween(0.75, 0.85);
        assertThat(H0Dynamisation.polynomial(365)).isBetween(1.15, 1.30);
        assertThat(H0Dynamisation.apply(70.8, LocalDate.of(2022, 1, 1))).isEqualTo(87.9); // 70.8 × 1.2420 = 87.9336
    }

    @Test
    void h0OnASaturdayNightInJanuaryIsTheTableValueDynamisedAndScaled() {
        // 1 January 2022 is a Saturday and a holiday, hence a Sunday; 8 January 2022 is a plain winter Saturday
        List<LoadInterval> day = MODEL.quarterHours(LocalDate.of(2022, 1, 8), LoadProfileId.H0, 3500);
        assertThat(day).hasSize(96);
        assertThat(day.get(0).start()).isEqualTo(Instant.parse("2022-01-07T23:00:00Z"));
        double f = H0Dynamisation.factor(LocalDate.of(2022, 1, 8));
        assertThat(day.get(0).watts()).isCloseTo(Math.round(70.8 * f * 10) / 10.0 * 3.5, within(1e-9));
    }

    @Test
    void daylightSavingDaysHave92And100QuarterHours() {
        List<LoadInterval> spring = MODEL.quarterHours(LocalDate.of(2024, 3, 31), LoadProfileId.G0, 1000);
        List<LoadInterval> autumn = MODEL.quarterHours(LocalDate.of(2024, 10, 27), LoadProfileId.H0, 1000);
        assertThat(spring).hasSize(92);
        assertThat(autumn).hasSize(100);
        assertThat(MODEL.quarterHours(LocalDate.of(2024, 6, 1), LoadProfileId.L0, 1000)).hasSize(96);
        // in autumn 02:00–02:45 happens twice (CEST, then CET) with the same profile values
        assertThat(autumn.get(8).start()).isEqualTo(Instant.parse("2024-10-27T00:00:00Z"));
        assertThat(autumn.get(12).start()).isEqualTo(Instant.parse("2024-10-27T01:00:00Z"));
        assertThat(autumn.get(12).watts()).isEqualTo(autumn.get(8).watts());
        // in spring 03:00 local (01:00 UTC) follows 01:45 local (00:45 UTC)
        assertThat(spring.get(8).start()).isEqualTo(Instant.parse("2024-03-31T01:00:00Z"));
        assertThat(spring.get(7).end()).isEqualTo(spring.get(8).start());
    }

    @Test
    void aYearOfH0AddsUpToItsAnnualConsumption() {
        double kWh = 0;
        for (LocalDate d = LocalDate.of(2023, 1, 1); d.getYear() == 2023; d = d.plusDays(1)) {
            for (LoadInterval q : MODEL.quarterHours(d, LoadProfileId.H0, 4000)) {
                kWh += q.watts() * 0.25 / 1000;
            }
        }
        assertThat(kWh).isCloseTo(4000, within(80.0));
    }

    @Test
    void hourlyMeansOnTheUtcGrid() {
        Instant from = Instant.parse("2024-03-30T23:00:00Z");
        List<LoadInterval> hours = MODEL.hourly(from, from.plusSeconds(24 * 3600), LoadProfileId.G0, 1000);
        assertThat(hours).hasSize(24);
        List<LoadInterval> q = MODEL.quarterHours(LocalDate.of(2024, 3, 31), LoadProfileId.G0, 1000);
        double firstHour = (q.get(0).watts() + q.get(1).watts() + q.get(2).watts() + q.get(3).watts()) / 4;
        assertThat(hours.get(0).watts()).isCloseTo(firstHour, within(1e-9));
    }
}
