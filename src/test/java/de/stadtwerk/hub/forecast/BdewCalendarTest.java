package de.stadtwerk.hub.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BdewCalendarTest {

    private final BdewCalendar nrw = new BdewCalendar("NW");
    private final BdewCalendar berlin = new BdewCalendar("DE-BE");

    @Test
    void plainWeekdays() {
        assertThat(nrw.dayType(LocalDate.of(2024, 5, 7))).isEqualTo(DayType.WORKDAY);
        assertThat(nrw.dayType(LocalDate.of(2024, 5, 11))).isEqualTo(DayType.SATURDAY);
        assertThat(nrw.dayType(LocalDate.of(2024, 5, 12))).isEqualTo(DayType.SUNDAY);
    }

    @Test
    void publicHolidaysCountAsSundayPerState() {
        assertThat(nrw.dayType(LocalDate.of(2024, 10, 3))).isEqualTo(DayType.SUNDAY); // German Unity Day, Thursday
        assertThat(nrw.dayType(LocalDate.of(2024, 3, 29))).isEqualTo(DayType.SUNDAY); // Good Friday
        // Corpus Christi (Thursday 30 May 2024): a holiday in North Rhine-Westphalia, not in Berlin
        assertThat(nrw.dayType(LocalDate.of(2024, 5, 30))).isEqualTo(DayType.SUNDAY);
        assertThat(berlin.dayType(LocalDate.of(2024, 5, 30))).isEqualTo(DayType.WORKDAY);
        // International Women's Day: Berlin only
        assertThat(berlin.dayType(LocalDate.of(2024, 3, 8))).isEqualTo(DayType.SUNDAY);
        assertThat(nrw.dayType(LocalDate.of(2024, 3, 8))).isEqualTo(DayType.WORKDAY);
        // a holiday that falls on a Saturday is a Sunday too
        assertThat(nrw.dayType(LocalDate.of(2027, 5, 1))).isEqualTo(DayType.SUNDAY);
    }

    @Test
    void christmasEveAndNewYearsEveCountAsSaturdayUnlessSunday() {
        assertThat(nrw.dayType(LocalDate.of(2024, 12, 24))).isEqualTo(DayType.SATURDAY); // Tuesday
        assertThat(nrw.dayType(LocalDate.of(2024, 12, 31))).isEqualTo(DayType.SATURDAY); // Tuesday
        assertThat(nrw.dayType(LocalDate.of(2023, 12, 24))).isEqualTo(DayType.SUNDAY); // a Sunday stays Sunday
        assertThat(nrw.dayType(LocalDate.of(2023, 12, 31))).isEqualTo(DayType.SUNDAY);
        assertThat(nrw.dayType(LocalDate.of(2024, 12, 25))).isEqualTo(DayType.SUNDAY); // Christmas Day
        assertThat(nrw.dayType(LocalDate.of(2024, 12, 23))).isEqualTo(DayType.WORKDAY);
    }

    @Test
    void seasonsFollowTheVdewPeriods() {
        assertThat(Season.of(LocalDate.of(2024, 3, 20))).isEqualTo(Season.WINTER);
        assertThat(Season.of(LocalDate.of(2024, 3, 21))).isEqualTo(Season.TRANSITION);
        assertThat(Season.of(LocalDate.of(2024, 5, 14))).isEqualTo(Season.TRANSITION);
        assertThat(Season.of(LocalDate.of(2024, 5, 15))).isEqualTo(Season.SUMMER);
        assertThat(Season.of(LocalDate.of(2024, 9, 14))).isEqualTo(Season.SUMMER);
        assertThat(Season.of(LocalDate.of(2024, 9, 15))).isEqualTo(Season.TRANSITION);
        assertThat(Season.of(LocalDate.of(2024, 10, 31))).isEqualTo(Season.TRANSITION);
        assertThat(Season.of(LocalDate.of(2024, 11, 1))).isEqualTo(Season.WINTER);
        assertThat(Season.of(LocalDate.of(2024, 1, 1))).isEqualTo(Season.WINTER);
    }

    @Test
    void unknownStateIsRejectedWithTheKnownOnes() {
        assertThatThrownBy(() -> new BdewCalendar("XX")).hasMessageContaining("'XX'").hasMessageContaining("nw");
    }
}
