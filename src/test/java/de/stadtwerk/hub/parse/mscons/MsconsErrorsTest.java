package de.stadtwerk.hub.parse.mscons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.quarantine.BadInputException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Broken interchanges: per-message errors keep the other messages; unreadable files fail as a whole. */
class MsconsErrorsTest {

    @Test
    void badUntCountRejectsOnlyThatMessage() {
        MsconsResult r = MsconsFixtures.parse("mscons-bad-unt-count.edi");

        assertThat(r.observations()).extracting(Observation::assetId).containsOnly("DE000BBB").hasSize(2);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.messageRef()).isEqualTo("1");
            assertThat(e.segmentNumber()).isEqualTo(18);
            assertThat(e.segment()).isEqualTo("UNT+19+1");
            assertThat(e.reason()).isEqualTo("UNT says 19 segments, the message has 18");
            assertThat(e.describe()).contains("message 1, segment 18 (interchange segment 19) 'UNT+19+1'");
        });
    }

    @Test
    void badNumberNamesSegmentAndValue() {
        MsconsResult r = MsconsFixtures.parse("mscons-bad-number.edi");

        assertThat(r.observations()).extracting(Observation::assetId).containsOnly("DE000AAA").hasSize(2);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.messageRef()).isEqualTo("2");
            assertThat(e.segmentNumber()).isEqualTo(15);
            assertThat(e.segment()).isEqualTo("QTY+220:4x5:KWH");
            assertThat(e.reason()).contains("'4x5' is not a number");
        });
    }

    @Test
    void unknownQtyQualifierRejectsTheMessage() {
        MsconsResult r = MsconsFixtures.parse("mscons-unknown-qualifier.edi");

        assertThat(r.observations()).extracting(Observation::assetId).containsOnly("DE000BBB");
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.messageRef()).isEqualTo("1");
            assertThat(e.segment()).isEqualTo("QTY+999:1:KWH");
            assertThat(e.reason()).startsWith("unknown QTY qualifier '999'");
        });
    }

    @Test
    void streamingListenerIsToldHowManyObservationsOfABrokenMessageItAlreadyGot() {
        List<String> events = new ArrayList<>();
        new MsconsParser().stream(new StringReader(read("mscons-bad-unt-count.edi")), new MsconsListener() {
            @Override
            public void observation(String messageRef, Observation observation) {
                events.add("obs " + messageRef);
            }

            @Override
            public void messageEnded(String messageRef, int observations) {
                events.add("ended " + messageRef + " " + observations);
            }

            @Override
            public void messageFailed(MessageError error, int delivered) {
                events.add("failed " + error.messageRef() + " " + delivered);
            }
        });
        assertThat(events).containsExactly("obs 1", "obs 1", "failed 1 2", "obs 2", "obs 2", "ended 2 2");
    }

    @Test
    void truncatedFileIsAnErrorForTheWholeFile() {
        assertThatThrownBy(() -> MsconsFixtures.parse("mscons-truncated.edi"))
                .isInstanceOf(MsconsFileException.class).isInstanceOf(BadInputException.class)
                .hasMessageContaining("segment 34")
                .hasMessageContaining("ends inside segment 'QTY+220:4'")
                .hasMessageContaining("truncated");
    }

    @Test
    void fileEndingWithoutUnzIsTruncated() {
        assertThatThrownBy(() -> new MsconsParser().parseAll(new StringReader("UNB+UNOC:3+A+B+240101:0000+R1'UNH+1+MSCONS:D:04B:UN:2.4c'")))
                .isInstanceOf(MsconsFileException.class)
                .hasMessageContaining("inside message 1 (no UNT)").hasMessageContaining("without UNZ");
    }

    @Test
    void wrongSeparatorsAreReported() {
        assertThatThrownBy(() -> MsconsFixtures.parse("mscons-wrong-separators.edi"))
                .isInstanceOf(MsconsFileException.class)
                .hasMessageContaining("segment 1")
                .hasMessageContaining("'UNB*UNOC|3*")
                .hasMessageContaining("wrong separators");
    }

    @Test
    void missingSegmentTerminatorIsReportedAsWrongSeparators() {
        String noTerminator = "UNB+UNOC:3+A+B+240101:0000+R1~" + "X".repeat(SegmentReader.MAX_SEGMENT_LENGTH);
        assertThatThrownBy(() -> new MsconsParser().parseAll(new StringReader(noTerminator)))
                .isInstanceOf(MsconsFileException.class)
                .hasMessageContaining("no segment terminator ''' within 100000 characters after 'UNB+UNOC:3+A+B+240101:0000+R1~");
    }

    @Test
    void fileWithoutUnbIsRejected() {
        assertThatThrownBy(() -> MsconsFixtures.parse("mscons-no-unb.edi"))
                .isInstanceOf(MsconsFileException.class)
                .hasMessage("MSCONS interchange, segment 1: the interchange starts with 'UNH+1+MSCONS:D:04B:UN:2.4c', expected UNB");
    }

    @Test
    void wrongUnzCountIsAnErrorForTheWholeFile() {
        assertThatThrownBy(() -> MsconsFixtures.parse("mscons-bad-unz-count.edi"))
                .isInstanceOf(MsconsFileException.class)
                .hasMessageContaining("UNZ says 2 messages, the interchange has 1");
    }

    @Test
    void emptyFileIsRejected() {
        assertThatThrownBy(() -> new MsconsParser().parseAll(new StringReader("\r\n")))
                .isInstanceOf(MsconsFileException.class).hasMessageContaining("empty");
    }

    private static String read(String name) {
        try (var in = MsconsFixtures.open(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
