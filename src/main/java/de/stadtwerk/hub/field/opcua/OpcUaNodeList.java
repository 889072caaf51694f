package de.stadtwerk.hub.field.opcua;

import de.stadtwerk.hub.model.Quantity;
import de.stadtwerk.hub.transform.Units;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;

/**
 * Reads the node list ({@code hub.opcua.nodes}, e.g. {@code config/opcua-nodes.csv}).
 *
 * <p>Format: UTF-8, separator {@code ;}, a header line {@code node_id;asset_id;quantity;unit}, then one node per line.
 * A node id contains {@code ;} itself ({@code ns=2;s=Pump1.Flow}), so it is written in double quotes, as in any CSV:
 * {@code "ns=2;s=Pump1.Flow";pump-1;volume_flow;m3/h} (a {@code "} inside a quoted field is doubled). Lines starting with
 * {@code #} and blank lines are skipped. Every line is checked (node id syntax, known quantity, a unit that converts
 * to the quantity's unit, no duplicate node or series) and a bad line is reported with its number.
 */
public final class OpcUaNodeList {

    private static final List<String> HEADER = List.of("node_id", "asset_id", "quantity", "unit");

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setDelimiter(';')
            .setQuote('"')
            .setCommentMarker('#')
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .get();

    private OpcUaNodeList() {
    }

    /** Reads the node list file; every problem is an {@link IllegalArgumentException} naming file and line. */
    public static List<OpcUaNode> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("OPC UA node list " + file + " (hub.opcua.nodes) does not exist");
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OPC UA node list " + file, e);
        }
    }

    /** Parses a node list; {@code name} is used in messages. */
    public static List<OpcUaNode> parse(Reader reader, String name) throws IOException {
        List<OpcUaNode> nodes = new ArrayList<>();
        Map<String, Integer> nodeLines = new HashMap<>();
        Map<String, Integer> routeLines = new HashMap<>();
        boolean header = true;
        try {
            for (CSVRecord rec : FORMAT.parse(reader)) {
                int line = (int) rec.getParser().getCurrentLineNumber();
                String where = name + " line " + line + ": ";
                List<String> fields = rec.toList().stream().map(String::trim).toList();
                if (header) {
                    header = false;
                    if (!fields.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList().equals(HEADER)) {
                        throw new IllegalArgumentException(where + "the first line must be the header "
                                + String.join(";", HEADER) + ", found " + String.join(";", fields));
                    }
                    continue;
                }
                if (fields.size() != HEADER.size()) {
                    throw new IllegalArgumentException(where + fields.size() + " fields, expected 4 ("
                            + String.join(";", HEADER) + ")" + (fields.size() > 4
                                    ? "; a node id that contains ';' must be in double quotes, e.g. \"ns=2;s=Pump1.Flow\""
                                    : ""));
                }
                OpcUaNode node = check(new OpcUaNode(fields.get(0), fields.get(1), fields.get(2), fields.get(3), line), where);
                Integer seen = nodeLines.putIfAbsent(node.nodeId(), line);
                if (seen != null) {
                    throw new IllegalArgumentException(where + "node " + node.nodeId() + " is listed already in line " + seen);
                }
                seen = routeLines.putIfAbsent(node.routeId(), line);
                if (seen != null) {
                    throw new IllegalArgumentException(where + "asset " + node.assetId() + " with quantity " + node.quantity()
                            + " is fed already by line " + seen + " (one node per series)");
                }
                nodes.add(node);
            }
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(name + ": not a valid CSV file: " + e.getCause().getMessage()
                    + " (is a quote not closed?)", e);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(name + ": not a valid CSV file: " + e.getMessage(), e);
        }
        if (header) {
            throw new IllegalArgumentException(name + " is empty: the header " + String.join(";", HEADER) + " is missing");
        }
        return List.copyOf(nodes);
    }

    private static OpcUaNode check(OpcUaNode n, String where) {
        if (n.nodeId().isEmpty()) {
            throw new IllegalArgumentException(where + "node_id is empty");
        }
        ExpandedNodeId parsed;
        try {
            parsed = ExpandedNodeId.parse(n.nodeId());
        } catch (RuntimeException e) {
            parsed = null;
        }
        if (parsed == null || !n.nodeId().matches("(?s)(ns=\\d+;|nsu=[^;]+;)?[isgb]=.+")) {
            throw new IllegalArgumentException(where + "'" + n.nodeId() + "' is not an OPC UA node id such as"
                    + " ns=2;s=Pump1.Flow, nsu=urn:example;s=Pump1.Flow or ns=3;i=1001");
        }
        if (n.assetId().isEmpty()) {
            throw new IllegalArgumentException(where + "asset_id is empty");
        }
        Quantity q = Quantity.lookup(n.quantity());
        if (q == null) {
            throw new IllegalArgumentException(where + "unknown quantity '" + n.quantity() + "'");
        }
        if (n.unit().isEmpty()) {
            throw new IllegalArgumentException(where + "unit is empty (the canonical unit of " + q.code() + " is "
                    + q.canonicalUnit() + ")");
        }
        try {
            Units.convert(1.0, n.unit(), q.canonicalUnit());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "unit '" + n.unit() + "' does not convert to " + q.canonicalUnit()
                    + " (the unit of " + q.code() + "): " + e.getMessage());
        }
        return new OpcUaNode(n.nodeId(), n.assetId(), q.code(), n.unit(), n.line());
    }
}
