package de.stadtwerk.hub.field.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpcUaNodeListTest {

    private static List<OpcUaNode> parse(String text) throws Exception {
        return OpcUaNodeList.parse(new StringReader(text), "nodes.csv");
    }

    @Test
    void quotedNodeIdsWithSemicolonsAreRead() throws Exception {
        List<OpcUaNode> nodes = parse("""
                # comment
                node_id;asset_id;quantity;unit
                "ns=1;s=Pump1.Flow";pump-1;volume_flow;m3/h

                "nsu=urn:x;s=T1.P";trafo-1;active_power;kW
                ns=3;i=1001
                """.replace("ns=3;i=1001\n", "\"ns=3;i=1001\";res-1;level;m\n"));
        assertThat(nodes).extracting(OpcUaNode::nodeId).containsExactly("ns=1;s=Pump1.Flow", "nsu=urn:x;s=T1.P", "ns=3;i=1001");
        assertThat(nodes.get(0).routeId()).isEqualTo("field-scada-opcua-pump-1-volume-flow");
        assertThat(nodes.get(1).line()).isEqualTo(5);
    }

    @Test
    void theShippedListIsValid() {
        assertThat(OpcUaNodeList.read(Path.of("config/opcua-nodes.csv"))).hasSize(4);
    }

    @Test
    void anUnquotedNodeIdIsReportedWithItsLine() {
        assertThatThrownBy(() -> parse("node_id;asset_id;quantity;unit\n\"ns=1;s=A\";a;level;m\nns=1;s=B;b;level;m\n"))
                .hasMessage("nodes.csv line 3: 5 fields, expected 4 (node_id;asset_id;quantity;unit); a node id that"
                        + " contains ';' must be in double quotes, e.g. \"ns=2;s=Pump1.Flow\"");
    }

    @Test
    void badLinesAreReportedWithTheirLine() {
        String h = "node_id;asset_id;quantity;unit\n";
        assertThatThrownBy(() -> parse(h + "\"ns=1;s=A\";a;wattage;W\n")).hasMessageStartingWith("nodes.csv line 2: unknown quantity 'wattage'");
        assertThatThrownBy(() -> parse(h + "\"ns=1;s=A\";a;level;bar\n")).hasMessageStartingWith("nodes.csv line 2: unit 'bar' does not convert to m");
        assertThatThrownBy(() -> parse(h + "\"Pump1.Flow\";a;level;m\n")).hasMessageStartingWith("nodes.csv line 2: 'Pump1.Flow' is not an OPC UA node id");
        assertThatThrownBy(() -> parse(h + "\"ns=1;s=A\";;level;m\n")).hasMessage("nodes.csv line 2: asset_id is empty");
        assertThatThrownBy(() -> parse(h + "\"ns=1;s=A\";a;level;m\n\"ns=1;s=A\";b;level;m\n"))
                .hasMessage("nodes.csv line 3: node ns=1;s=A is listed already in line 2");
        assertThatThrownBy(() -> parse(h + "\"ns=1;s=A\";a;level;m\n\"ns=1;s=B\";a;level;cm\n"))
                .hasMessageStartingWith("nodes.csv line 3: asset a with quantity level is fed already by line 2");
        assertThatThrownBy(() -> parse("node;asset\n")).hasMessageStartingWith("nodes.csv line 1: the first line must be the header");
        assertThatThrownBy(() -> parse("")).hasMessageContaining("is empty");
    }
}
