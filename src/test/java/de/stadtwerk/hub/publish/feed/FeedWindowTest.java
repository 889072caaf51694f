package de.stadtwerk.hub.publish.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedWindowTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({
        // window, now (UTC), from, to, hours
        "yesterday,     2024-03-31T22:30:00Z, 2024-03-30T23:00:00Z, 2024-03-31T22:00:00Z, 23",
        "yesterday,     2024-10-28T05:30:00Z, 2024-10-26T22:00:00Z, 2024-10-27T23:00:00Z, 25",
        "yesterday,     2024-06-15T05:30:00Z, 2024-06-13T22:00:00Z, 2024-06-14T22:00:00Z, 24",
        "today,         2024-06-14T22:30:00Z, 2024-06-14T22:00:00Z, 2024-06-15T22:00:00Z, 24",
        "tomorrow,      2024-10-26T12:00:00Z, 2024-10-26T22:00:00Z, 2024-10-27T23:00:00Z, 25",
        "last-7-days,   2024-04-03T04:00:00Z, 2024-03-26T23:00:00Z, 2024-04-02T22:00:00Z, 167",
        "last-week,     2024-04-03T04:00:00Z, 2024-03-24T23:00:00Z, 2024-03-31T22:00:00Z, 167",
        "last-month,    2024-11-01T05:00:00Z, 2024-09-30T22:00:00Z, 2024-10-31T23:00:00Z, 745",
        "this-month,    2024-02-10T05:00:00Z, 2024-01-31T23:00:00Z, 2024-02-29T23:00:00Z, 696",
        "next-72-hours, 2024-06-14T10:42:00Z, 2024-06-14T10:00:00Z, 2024-06-17T10:00:00Z, 72",
        "last-24-hours, 2024-06-14T10:42:00Z, 2024-06-13T10:00:00Z, 2024-06-14T10:00:00Z, 24",
        "next-2-days,   2024-10-26T10:00:00Z, 2024-10-25T22:00:00Z, 2024-10-27T23:00:00Z, 49",
    })
    void windowsAreLocalDaysWith23Or25HoursAtDstChanges(String window, String now, String from, String to, double hours) {
        FeedPeriod p = FeedWindow.of(window).period(Instant.parse(now), BERLIN);
        assertThat(p.from()).isEqualTo(Instant.parse(from));
        assertThat(p.to()).isEqualTo(Instant.parse(to));
        assertThat(p.hours()).isEqualTo(hours);
    }

    @Test
    void unknownWindowsAreRefusedWithTheListOfKnownOnes() {
        assertThatThrownBy(() -> FeedWindow.of("the-day-before")).hasMessageContaining("unknown window 'the-day-before'")
                .hasMessageContaining("last-N-days");
        assertThatThrownBy(() -> FeedWindow.of("last-0-days")).hasMessageContaining("unknown window");
        assertThatThrownBy(() -> FeedWindow.of(null)).hasMessageContaining("unknown window");
    }
}
