package de.stadtwerk.hub.publish.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FreshnessTest {

    static final ConsoleSource MQTT = new ConsoleSource("meters-mqtt", List.of("field-meters-mqtt"), Duration.ofMinutes(5));
    static final Instant START = Instant.parse("2026-11-28T06:00:00Z");

    @Test
    void aValueWithinTheIntervalIsOkAndAnOlderOneIsAnAlarm() {
        Freshness ok = Freshness.judge(MQTT, Optional.of(START.plusSeconds(600)), List.of(), START, START.plusSeconds(840));
        assertThat(ok.status()).isEqualTo(Freshness.OK);
        assertThat(ok.alarm()).isFalse();
        assertThat(ok.age()).isEqualTo(Duration.ofMinutes(4));
        assertThat(ok.text()).isEqualTo("last value 4 min ago; expected every 5 min");

        Freshness edge = Freshness.judge(MQTT, Optional.of(START), List.of(), START, START.plusSeconds(300));
        assertThat(edge.status()).as("exactly one interval is still on time").isEqualTo(Freshness.OK);

        Freshness late = Freshness.judge(MQTT, Optional.of(START), List.of(), START, START.plusSeconds(301));
        assertThat(late.status()).isEqualTo(Freshness.LATE);
        assertThat(late.alarm()).isTrue();
        assertThat(late.text()).startsWith("no value for 5 min");
    }

    @Test
    void nothingYetIsWaitingForOneIntervalAfterTheStartThenAnAlarm() {
        Freshness waiting = Freshness.judge(MQTT, Optional.empty(), List.of(), START, START.plusSeconds(90));
        assertThat(waiting.status()).isEqualTo(Freshness.WAITING);
        assertThat(waiting.alarm()).isFalse();
        assertThat(waiting.text()).contains("nothing yet since the hub started 90 s ago");
        Freshness late = Freshness.judge(MQTT, Optional.empty(), List.of(), START, START.plus(Duration.ofHours(3)));
        assertThat(late.status()).isEqualTo(Freshness.LATE);
        assertThat(late.text()).contains("nothing received since the hub started 3 h ago");
    }

    @Test
    void aRouteThatTheHubDoesNotHaveIsAnAlarm() {
        Freshness f = Freshness.judge(MQTT, Optional.empty(), List.of("field-meters-mqtt"), START, START.plusSeconds(1));
        assertThat(f.status()).isEqualTo(Freshness.NO_ROUTE);
        assertThat(f.alarm()).isTrue();
        assertThat(f.text()).contains("field-meters-mqtt").contains("hub.console.sources");
    }

    @Test
    void aClockThatStepsBackNeverGivesANegativeAge() {
        Freshness f = Freshness.judge(MQTT, Optional.of(START.plusSeconds(10)), List.of(), START, START);
        assertThat(f.age()).isEqualTo(Duration.ZERO);
        assertThat(f.status()).isEqualTo(Freshness.OK);
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(Freshness.human(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(Freshness.human(Duration.ofMinutes(12))).isEqualTo("12 min");
        assertThat(Freshness.human(Duration.ofMinutes(185))).isEqualTo("3 h 5 min");
        assertThat(Freshness.human(Duration.ofHours(7))).isEqualTo("7 h");
        assertThat(Freshness.human(Duration.ofHours(52))).isEqualTo("2 d 4 h");
        assertThat(Freshness.human(Duration.ofDays(8))).isEqualTo("8 d");
    }
}
