package de.stadtwerk.hub.field.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OpcUaValueMapperTest {

    private static final OpcUaNode NODE = new OpcUaNode("ns=2;s=P", "pump-1", "volume_flow", "m3/h", 2);
    private static final Instant SOURCE = Instant.parse("2026-11-26T10:00:00.250Z");
    private static final Instant SERVER = Instant.parse("2026-11-26T10:00:01Z");
    private static final Instant HUB = Instant.parse("2026-11-26T10:00:02Z");

    @Test
    void statusSeverityGivesQuality() {
        assertThat(OpcUaValueMapper.quality(0x00000000L)).isEqualTo(Quality.MEASURED);          // Good
        assertThat(OpcUaValueMapper.quality(0x00A30000L)).isEqualTo(Quality.MEASURED);          // Good_Overload … still good
        assertThat(OpcUaValueMapper.quality(0x40000000L)).isEqualTo(Quality.SUSPECT);           // Uncertain
        assertThat(OpcUaValueMapper.quality(0x408F0000L)).isEqualTo(Quality.SUSPECT);           // Uncertain_SubNormal
        assertThat(OpcUaValueMapper.quality(0x808C0000L)).isEqualTo(Quality.INVALID);           // Bad_SensorFailure
        assertThat(OpcUaValueMapper.quality(0x80000000L)).isEqualTo(Quality.INVALID);           // Bad
    }

    @Test
    void sourceTimestampIsUsedNotTheHubClock() {
        Observation o = OpcUaValueMapper.map(NODE, 12.5, 0, SOURCE, SERVER, HUB).orElseThrow();
        assertThat(o.start()).isEqualTo(SOURCE);
        assertThat(o.end()).isEqualTo(SOURCE);
        assertThat(o.receivedAt()).isEqualTo(HUB);
        assertThat(o.value()).isEqualTo(12.5);
        assertThat(o.unit()).isEqualTo("m3/h");
        assertThat(o.quality()).isEqualTo(Quality.MEASURED);
        assertThat(o.source()).isEqualTo("field-opcua");
    }

    @Test
    void withoutSourceTimeTheServerTimeThenTheHubTimeAsSuspect() {
        assertThat(OpcUaValueMapper.map(NODE, 1, 0, null, SERVER, HUB).orElseThrow().start()).isEqualTo(SERVER);
        Observation o = OpcUaValueMapper.map(NODE, 1, 0, null, null, HUB).orElseThrow();
        assertThat(o.start()).isEqualTo(HUB);
        assertThat(o.quality()).isEqualTo(Quality.SUSPECT);
        assertThat(OpcUaValueMapper.map(NODE, 1, 0x808C0000L, null, null, HUB).orElseThrow().quality()).isEqualTo(Quality.INVALID);
    }

    @Test
    void booleansAndIntegersAreNumbersOtherValuesAreSkipped() {
        assertThat(OpcUaValueMapper.map(NODE, Boolean.TRUE, 0, SOURCE, null, HUB).orElseThrow().value()).isEqualTo(1.0);
        assertThat(OpcUaValueMapper.map(NODE, 7, 0, SOURCE, null, HUB).orElseThrow().value()).isEqualTo(7.0);
        assertThat(OpcUaValueMapper.map(NODE, null, 0x808C0000L, SOURCE, null, HUB)).isEmpty();
        assertThat(OpcUaValueMapper.map(NODE, "text", 0, SOURCE, null, HUB)).isEmpty();
    }
}
