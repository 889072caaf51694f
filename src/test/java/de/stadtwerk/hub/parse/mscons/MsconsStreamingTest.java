package de.stadtwerk.hub.parse.mscons;

import static org.assertj.core.api.Assertions.assertThat;

import de.stadtwerk.hub.model.Observation;
import java.io.Reader;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** The parser reads segments as it needs them: the first value arrives long before the input is consumed. */
class MsconsStreamingTest {

    private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);

    /** Generates one message with {@code values} quarter-hours on the fly, never holding the text. */
    private static final class GeneratedInterchange extends Reader {
        private final int values;
        private int next = -1;
        private String chunk = "UNB+UNOC:3+A:500+B:500+240101:0000+BIG'UNH+1+MSCONS:D:04B:UN:2.4c'BGM+7+D+9'"
                + "LOC+172+DE000BIG'LIN+1'PIA+5+1-1?:1.29.0:SRW'";
        private int pos;
        long served;

        GeneratedInterchange(int values) {
            this.values = values;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (pos == chunk.length()) {
                next++;
                if (next < values) {
                    Instant s = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(900L * next);
                    chunk = "QTY+220:" + next + ",5:KWH'DTM+163:" + DTM.format(s) + "?+00:303'DTM+164:"
                            + DTM.format(s.plusSeconds(900)) + "?+00:303'\n";
                } else if (next == values) {
                    chunk = "UNT+" + (6 + 3 * values) + "+1'UNZ+1+BIG'";
                } else {
                    return -1;
                }
                pos = 0;
            }
            int n = Math.min(len, chunk.length() - pos);
            chunk.getChars(pos, pos + n, buf, off);
            pos += n;
            served += n;
            return n;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void firstObservationArrivesAfterFewKilobytesOfALargeInterchange() {
        int values = 50_000;
        GeneratedInterchange in = new GeneratedInterchange(values);
        long[] servedAtFirst = {-1};
        long[] count = {0};
        MsconsSummary s = new MsconsParser().stream(in, new MsconsListener() {
            @Override
            public void observation(String messageRef, Observation o) {
                if (count[0]++ == 0) {
                    servedAtFirst[0] = in.served;
                }
            }
        });
        assertThat(s.errors()).isEmpty();
        assertThat(count[0]).isEqualTo(values);
        assertThat(in.served).isGreaterThan(3_900_000);
        assertThat(servedAtFirst[0]).isBetween(1L, 64L * 1024);
    }
}
