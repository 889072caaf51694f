package de.stadtwerk.hub.field.opcua;

/**
 * One line of the node list ({@code hub.opcua.nodes}): which OPC UA variable becomes which series.
 *
 * @param nodeId   the node id as OPC UA writes it, e.g. {@code ns=2;s=Pump1.Flow} or {@code nsu=urn:…;s=Pump1.Flow}
 * @param assetId  the asset the values belong to
 * @param quantity quantity code of the unified model, e.g. {@code volume_flow}
 * @param unit     unit of the values as the server sends them, e.g. {@code m3/h} or {@code kW}
 * @param line     line number in the node list (for messages)
 */
public record OpcUaNode(String nodeId, String assetId, String quantity, String unit, int line) {

    /** Route id of the subscription of this node: {@code field-scada-opcua-<asset>-<quantity>}. */
    public String routeId() {
        return "field-scada-opcua-" + slug(assetId) + "-" + slug(quantity);
    }

    static String slug(String s) {
        String t = s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return t.isEmpty() ? "x" : t;
    }
}
