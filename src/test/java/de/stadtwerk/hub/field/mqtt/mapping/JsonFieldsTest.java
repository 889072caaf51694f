package de.stadtwerk.hub.field.mqtt.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming read of a shape's JSON paths gives what the Jackson tree gave before it (the tree is the reference:
 * every payload below is read both ways), and rejects what the tree rejected.
 */
class JsonFieldsTest {

    static final List<JsonPointer> PATHS = List.of("/meter", "/value", "/ENERGY/Total", "/ENERGY/Power", "/list/0",
            "/list/2/v", "/list/01", "/a", "/a/b", "/0", "/x/y/z").stream().map(JsonPointer::compile).toList();
    static final JsonFields FIELDS = JsonFields.of(PATHS);

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"meter\":\"m-00042\",\"ts\":\"2026-11-26T10:15:00+01:00\",\"obis\":\"1-0:1.8.0\",\"value\":12345.678,\"unit\":\"Wh\"}",
        "{\"meter\":42,\"value\":3}",
        "{\"meter\":-0,\"value\":-0.0}",
        "{\"meter\":123456789012345678901234567890,\"value\":1e3}",
        "{\"meter\":9223372036854775807,\"value\":1.0E-7}",
        "{\"meter\":true,\"value\":false}",
        "{\"meter\":null,\"value\":null}",
        "{\"meter\":\"caf\\u00e9 \\\"q\\\" \\n\",\"value\":\"12,5\"}",
        "{\"meter\":{\"id\":1},\"value\":[1,2]}",
        "{\"ENERGY\":{\"Total\":12.345,\"Yesterday\":0.5,\"Power\":230,\"Nested\":{\"Total\":1}},\"Time\":\"x\"}",
        "{\"ENERGY\":{\"Total\":1},\"ENERGY\":{\"Power\":2}}",
        "{\"meter\":\"first\",\"meter\":\"second\"}",
        "{\"list\":[10,{\"v\":1},{\"v\":\"two\"}],\"a\":{\"b\":7}}",
        "{\"list\":[[1],2,{\"v\":[3]}]}",
        "{\"list\":{\"0\":\"by name\",\"01\":\"leading zero\",\"2\":{\"v\":5}}}",
        "{\"a\":{\"b\":1},\"a\":3}",
        "{\"a\":5,\"a\":{\"b\":1}}",
        "{\"0\":\"zero\",\"x\":{\"y\":{\"z\":[]}}}",
        "[\"root array\",1]",
        "[{\"v\":1}]",
        "42",
        "\"text\"",
        "{}",
        "{\"meter\":\"m-1\"} trailing text is ignored, as by the tree reader",
        "  {\"meter\" : \"m-1\" , \"value\" : 1.5 }  ",
    })
    void sameValuesAsTheTree(String payload) throws Exception {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        JsonNode tree = MqttPayload.JSON.readTree(bytes);
        JsonFields.Values values = FIELDS.read(bytes);
        for (JsonPointer p : PATHS) {
            JsonNode n = tree.at(p);
            JsonFields.Value v = values.get(p);
            if (n.isMissingNode() || n.isNull()) {
                assertThat(v).as("%s in %s", p, payload).isNull();
                continue;
            }
            assertThat(v).as("%s in %s", p, payload).isNotNull();
            assertThat(v.type()).as("%s in %s", p, payload).isEqualTo(n.getNodeType());
            if (n.isContainerNode()) {
                assertThat(v.isContainer()).isTrue();
            } else {
                assertThat(v.text()).as("%s in %s", p, payload).isEqualTo(n.asText());
            }
            if (n.isNumber()) {
                assertThat(v.number()).as("%s in %s", p, payload).isEqualTo(n.doubleValue());
            }
            assertThat(values.json(p)).isEqualTo(n.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"meter\":", "{\"meter\" 1}", "not json", "{\"a\":[1,2}", "{\"list\":[1,{\"v\":}]}",
        "{\"unwanted\":{\"deep\":[1,2,}}", "{'meter':1}", "[1,2"})
    void rejectsWhatTheTreeRejects(String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MqttPayload.JSON.readTree(bytes)).isInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> FIELDS.read(bytes)).isInstanceOf(PayloadException.class)
                .hasMessageStartingWith("payload is not JSON: ");
    }

    @Test
    void emptyPayload() {
        assertThatThrownBy(() -> FIELDS.read(new byte[0])).isInstanceOf(PayloadException.class)
                .hasMessage("payload is empty, expected JSON");
        assertThatThrownBy(() -> FIELDS.read("   ".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("payload is empty, expected JSON");
    }

    @Test
    void aPathOutsideTheShapeIsAProgrammingError() {
        JsonFields.Values values = FIELDS.read("{}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> values.get(JsonPointer.compile("/other")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/other");
    }

    @Test
    void eachPathOnce() {
        JsonFields twice = JsonFields.of(List.of(JsonPointer.compile("/a"), JsonPointer.compile("/b"),
                JsonPointer.compile("/a")));
        assertThat(twice.pointers()).extracting(JsonPointer::toString).containsExactly("/a", "/b");
        assertThat(twice.read("{\"a\":1,\"b\":2}".getBytes(StandardCharsets.UTF_8)).get(JsonPointer.compile("/a"))
                .type()).isEqualTo(JsonNodeType.NUMBER);
    }
}
