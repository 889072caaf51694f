package de.stadtwerk.hub.parse.mscons;

import static org.assertj.core.api.Assertions.assertThat;

import de.stadtwerk.hub.model.Observation;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EDIFACT syntax: UNA variants, defaults, release character, layout, character sets. */
class MsconsSyntaxTest {

    @Test
    void segmentsPerLineWithCrLfAndNoUnaUseTheDefaults() {
        MsconsResult r = MsconsFixtures.parse("mscons-two-meters-one-gap.edi");

        assertThat(r.errors()).isEmpty();
        assertThat(r.summary().messages()).isEqualTo(2);
        assertThat(r.observations()).hasSize(7);
        List<Observation> first = r.observations().stream()
                .filter(o -> o.assetId().equals("DE0001111111111111111111111111111")).toList();
        assertThat(first).extracting(Observation::value).containsExactly(1500.0, 2250.0, 750.0, 1000.0);
        assertThat(first.get(0).seriesId()).isEqualTo("DE0001111111111111111111111111111.energy_import.1-1:1.29.0");
        List<Observation> second = r.observations().stream()
                .filter(o -> o.assetId().equals("DE0002222222222222222222222222222")).toList();
        assertThat(second).extracting(Observation::quantity).containsOnly("energy_export");
        assertThat(second).extracting(Observation::start).containsExactly(Instant.parse("2024-01-14T23:00:00Z"),
                Instant.parse("2024-01-14T23:15:00Z"), Instant.parse("2024-01-14T23:45:00Z"));
    }

    @Test
    void allSegmentsOnOneLineReadTheSameAsOnePerLine() {
        assertThat(MsconsFixtures.parse("mscons-two-meters-one-line.edi").observations())
                .isEqualTo(MsconsFixtures.parse("mscons-two-meters-one-gap.edi").observations());
    }

    @Test
    void unaWithOtherSeparatorsDecimalCommaAndReleaseCharacter() {
        MsconsResult r = MsconsFixtures.parse("mscons-una-custom-separators.edi");

        assertThat(r.errors()).isEmpty();
        assertThat(r.observations()).extracting(Observation::value).containsExactly(1500.0, 2250.0, 750.0, 1000.0);
        assertThat(r.observations().get(0).start()).isEqualTo(Instant.parse("2024-01-14T23:00:00Z"));
    }

    @Test
    void releaseCharacterProtectsEveryServiceCharacter() {
        SegmentReader reader = new SegmentReader(new StringReader(
                "NAD+MS+99::293++Stadtwerk A?+B GmbH?: Netz?'s ?? Abt'LOC+172+X'"));
        Segment nad = reader.next();
        assertThat(nad.tag()).isEqualTo("NAD");
        assertThat(nad.value(3)).isEqualTo("Stadtwerk A+B GmbH: Netz's ? Abt");
        assertThat(nad.value(1, 2)).isEqualTo("293");
        assertThat(reader.next().value(1)).isEqualTo("X");
        assertThat(reader.next()).isNull();

        MsconsResult r = MsconsFixtures.parse("mscons-release-characters.edi");
        assertThat(r.errors()).isEmpty();
        assertThat(r.observations()).singleElement().extracting(Observation::value).isEqualTo(7000.0);
    }

    @Test
    void unaWithoutReleaseCharacterTakesQuestionMarkLiterally() {
        SegmentReader reader = new SegmentReader(new StringReader("UNA:+.  'FTX+AAI+++Wer??'"));
        assertThat(reader.syntax().releaseChar()).isEqualTo(EdifactSyntax.NO_RELEASE);
        assertThat(reader.next().value(3)).isEqualTo("Wer??");
    }

    @Test
    void lineBreaksInsideSegmentsAreIgnored() {
        SegmentReader reader = new SegmentReader(new StringReader("QTY+220:1\r\n2.5:KWH'\r\n"));
        assertThat(reader.next().value(0, 1)).isEqualTo("12.5");
        assertThat(reader.next()).isNull();
    }

    @Test
    void latin1FileWithUmlautIsRead() {
        MsconsResult r = MsconsFixtures.parse("mscons-latin1-umlaut.edi");
        assertThat(r.errors()).isEmpty();
        assertThat(r.observations()).hasSize(1);
    }

    @Test
    void utf8FileWithBomAndUnowIsRead() {
        MsconsResult r = MsconsFixtures.parse("mscons-utf8-bom-unow.edi");
        assertThat(r.errors()).isEmpty();
        assertThat(r.observations()).hasSize(1);
    }

    @Test
    void charsetFollowsTheUnbSyntaxIdentifier() throws Exception {
        assertThat(MsconsCharsets.detect(stream("UNA:+.? 'UNB+UNOW:3+A+B'"))).isEqualTo(StandardCharsets.UTF_8);
        assertThat(MsconsCharsets.detect(stream("UNB+UNOC:3+A+B'"))).isEqualTo(StandardCharsets.ISO_8859_1);
        BufferedInputStream bom = new BufferedInputStream(new ByteArrayInputStream(
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'U', 'N', 'B'}));
        assertThat(MsconsCharsets.detect(bom)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(bom.read()).as("BOM skipped").isEqualTo('U');
    }

    private static BufferedInputStream stream(String s) {
        return new BufferedInputStream(new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
