package de.stadtwerk.hub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's arithmetic: when a committed count crossed a mark, and the sustained rate between 10 and 90 %. */
class MqttIngestBenchTest {

    private static final long S = 1_000_000_000L;

    @Test
    void crossingIsInterpolatedBetweenTheSamplesAroundTheMark() {
        List<long[]> samples = List.of(new long[] {0, 1000}, new long[] {S, 1000}, new long[] {2 * S, 21_000},
                new long[] {3 * S, 41_000});
        assertThat(MqttIngestBench.crossing(samples, 11_000)).isCloseTo(1.5 * S, within(1.0));
        assertThat(MqttIngestBench.crossing(samples, 41_000)).isCloseTo(3.0 * S, within(1.0));
        assertThat(MqttIngestBench.crossing(samples, 41_001)).isNaN();
    }

    @Test
    void sustainedRateCountsFromTheOffsetAndIgnoresTheSlowStartAndTail() {
        // 100,000 messages after an offset of 5,000: slow first second, then 20,000/s, then a slow tail
        List<long[]> samples = List.of(new long[] {0, 5_000}, new long[] {S, 7_000}, new long[] {2 * S, 27_000},
                new long[] {3 * S, 47_000}, new long[] {4 * S, 67_000}, new long[] {5 * S, 87_000},
                new long[] {5 * S + S / 2, 97_000}, new long[] {7 * S, 105_000});
        assertThat(MqttIngestBench.sustained(samples, 5_000, 100_000)).isCloseTo(20_000.0, within(1.0));
        assertThat(MqttIngestBench.sustained(samples.subList(0, 3), 5_000, 100_000)).isNaN();
    }

    @Test
    void procStatFieldsAfterACommandNameWithSpacesAndParentheses() throws Exception {
        // a thread or process name may hold spaces and ')' : the fields start after the last ')'
        String stat = "4821 (MQTT Rec: a) b) S 4693 4693 1 0 -1 4194368 100 0 0 0 637 81 0 0 20 0 1 0 100 0 0";
        String[] f = MqttIngestBench.statFields(stat);
        assertThat(f[0]).isEqualTo("S");
        assertThat(f[11]).isEqualTo("637"); // utime
        assertThat(f[12]).isEqualTo("81"); // stime
        long pid = ProcessHandle.current().pid();
        assertThat(MqttIngestBench.cpuTicks(pid)).isGreaterThanOrEqualTo(MqttIngestBench.systemTicks(pid));
        assertThat(MqttIngestBench.machineBusyTicks()).isPositive();
    }
}
