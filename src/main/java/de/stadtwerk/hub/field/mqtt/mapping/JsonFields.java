package de.stadtwerk.hub.field.mqtt.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The JSON paths a payload shape reads ({@code {$.meter}}, {@code {$.ENERGY.Total}}, {@code {$.list[0]}}), taken
 * from a payload in one streaming pass: only the values at those paths are kept, everything else is skipped (but
 * still checked, so a payload that is not JSON is rejected as before). This replaces building a whole
 * {@link JsonNode} tree per message and looking each path up in it, the largest item in the MQTT pipelines' JFR
 * profile; measured on its own ({@code bench/mqtt-map.sh}) the whole mapping of a meter reading became 15–20 %
 * faster (docs/decisions.md, "A payload shape's JSON paths are read in one streaming pass").
 *
 * <p>The values read are the ones the tree gives: a repeated key's last value counts, {@code null} counts as
 * missing, a number's text is the tree's ({@code 1e3} reads as {@code 1000.0}), and only the root value is read
 * (text after it is ignored, as Jackson's tree reader does).
 */
public final class JsonFields {

    private static final JsonFactory FACTORY = MqttPayload.JSON.getFactory();

    /** A step of the payload shape's paths: what is wanted below it, and its slot when a path ends here. */
    private static final class Node {
        /** By field name, or by array index written as a number (as {@link JsonPointer} matches them). */
        final Map<String, Node> children = new HashMap<>();
        int slot = -1;
        /** Slots at and below this node: cleared when the node's key repeats (the last value counts). */
        int[] subtree;
    }

    private final List<JsonPointer> pointers;
    /** Every pointer instance the shape's templates hold, and its slot: looked up by identity per message. */
    private final JsonPointer[] instances;
    private final int[] slotOfInstance;
    private final Node root = new Node();

    private JsonFields(List<JsonPointer> all) {
        this.pointers = List.copyOf(new LinkedHashSet<>(all));
        this.instances = all.toArray(new JsonPointer[0]);
        this.slotOfInstance = new int[instances.length];
        for (int i = 0; i < instances.length; i++) {
            slotOfInstance[i] = pointers.indexOf(instances[i]);
        }
        for (int slot = 0; slot < this.pointers.size(); slot++) {
            Node n = root;
            for (JsonPointer p = this.pointers.get(slot); !p.matches(); p = p.tail()) {
                n = n.children.computeIfAbsent(p.getMatchingProperty(), k -> new Node());
            }
            n.slot = slot;
        }
        collect(root);
    }

    private static int[] collect(Node n) {
        List<Integer> slots = new ArrayList<>();
        if (n.slot >= 0) {
            slots.add(n.slot);
        }
        for (Node c : n.children.values()) {
            for (int s : collect(c)) {
                slots.add(s);
            }
        }
        n.subtree = slots.stream().mapToInt(Integer::intValue).toArray();
        return n.subtree;
    }

    /** The fields at these pointers (each path once, in this order; pass every instance a template holds). */
    public static JsonFields of(List<JsonPointer> pointers) {
        return new JsonFields(pointers);
    }

    public List<JsonPointer> pointers() {
        return pointers;
    }

    /**
     * One value found at a path. {@link #text()} is what the tree's {@code asText()} gives (null for containers); a
     * number's text is made only when asked for (most shapes read numbers as numbers).
     */
    public static final class Value {
        private final JsonNodeType type;
        private String text;
        private final double number;
        /** An integer's exact value (for its text); null otherwise. */
        private final Number integer;

        private Value(JsonNodeType type, String text, double number, Number integer) {
            this.type = type;
            this.text = text;
            this.number = number;
            this.integer = integer;
        }

        public JsonNodeType type() {
            return type;
        }

        /** The number (NaN for other types). */
        public double number() {
            return number;
        }

        public String text() {
            if (text == null && type == JsonNodeType.NUMBER) {
                text = integer != null ? integer.toString() : Double.toString(number);
            }
            return text;
        }

        public boolean isContainer() {
            return type == JsonNodeType.OBJECT || type == JsonNodeType.ARRAY;
        }
    }

    /** What {@link #read} found in one payload. */
    public final class Values {
        private final Value[] found;
        private final byte[] payload;

        private Values(Value[] found, byte[] payload) {
            this.found = found;
            this.payload = payload;
        }

        /** The value at the pointer; null when it is missing or JSON {@code null}. */
        public Value get(JsonPointer pointer) {
            for (int i = 0; i < instances.length; i++) {
                if (instances[i] == pointer) { // the usual case: a template's own pointer (equals() is costly)
                    return found[slotOfInstance[i]];
                }
            }
            int slot = pointers.indexOf(pointer);
            if (slot >= 0) {
                return found[slot];
            }
            throw new IllegalArgumentException("path " + pointer + " is not one of " + pointers);
        }

        /**
         * The value at the pointer as JSON text, for a message that names it (e.g. {@code "12,5"} with its quotes);
         * read again from the payload, so only on that path.
         */
        public String json(JsonPointer pointer) {
            try {
                return MqttPayload.JSON.readTree(payload).at(pointer).toString();
            } catch (IOException e) {
                return "?";
            }
        }
    }

    /** Reads the paths' values from a payload; a payload that is empty or not JSON is a {@link PayloadException}. */
    public Values read(byte[] payload) {
        Value[] found = new Value[pointers.size()];
        try (JsonParser p = FACTORY.createParser(payload)) {
            if (p.nextToken() == null) {
                throw new PayloadException("payload is empty, expected JSON");
            }
            walk(p, root, found);
        } catch (JsonProcessingException e) {
            throw new PayloadException("payload is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) { // not thrown for an array in memory; the byte[] signature declares it
            throw new PayloadException("payload could not be read: " + e.getMessage());
        }
        return new Values(found, payload);
    }

    /** The parser is at the first token of a value whose path is {@code node}. */
    private static void walk(JsonParser p, Node node, Value[] found) throws IOException {
        JsonToken t = p.currentToken();
        if (node.slot >= 0) {
            found[node.slot] = value(p, t);
        }
        if (t == JsonToken.START_OBJECT) {
            if (node.children.isEmpty()) {
                p.skipChildren();
                return;
            }
            String name;
            while ((name = p.nextFieldName()) != null) {
                Node child = node.children.get(name);
                p.nextToken();
                if (child == null) {
                    p.skipChildren(); // nothing for a scalar
                } else {
                    clear(child, found); // a repeated key: its last value counts
                    walk(p, child, found);
                }
            }
        } else if (t == JsonToken.START_ARRAY) {
            if (node.children.isEmpty()) {
                p.skipChildren();
                return;
            }
            int index = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                Node child = node.children.get(Integer.toString(index++)); // "01" matches no index, as in JsonPointer
                if (child == null) {
                    p.skipChildren();
                } else {
                    walk(p, child, found);
                }
            }
        }
    }

    private static void clear(Node n, Value[] found) {
        for (int s : n.subtree) {
            found[s] = null;
        }
    }

    /** The value at the current token, as the tree would hold it; null for JSON null. */
    private static Value value(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> new Value(JsonNodeType.STRING, p.getText(), Double.NaN, null);
            case VALUE_NUMBER_INT -> {
                Number n = p.getNumberValue(); // first: after getDoubleValue() a big integer's exact value is gone
                yield new Value(JsonNodeType.NUMBER, null, n.doubleValue(), n);
            }
            case VALUE_NUMBER_FLOAT -> new Value(JsonNodeType.NUMBER, null, p.getDoubleValue(), null);
            case VALUE_TRUE, VALUE_FALSE -> new Value(JsonNodeType.BOOLEAN, p.getText(), Double.NaN, null);
            case START_OBJECT -> new Value(JsonNodeType.OBJECT, null, Double.NaN, null);
            case START_ARRAY -> new Value(JsonNodeType.ARRAY, null, Double.NaN, null);
            default -> null; // VALUE_NULL (and nothing else starts a value)
        };
    }
}
