package de.stadtwerk.hub.field.opcua;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.spi.RouteTemplateParameterSource;

/**
 * One route per line of the node list, from the template {@code field-scada-opcua-node} in
 * {@code routes/field/scada-opcua.camel.yaml} (camel-milo subscribes one node per endpoint). Camel creates the routes
 * from this source when the context starts, so adding a node is adding a CSV line and restarting the hub.
 */
public class OpcUaNodeRoutes implements RouteTemplateParameterSource {

    /** Id of the route template. */
    public static final String TEMPLATE_ID = "field-scada-opcua-node";

    private final Map<String, Map<String, Object>> routes = new LinkedHashMap<>();

    public OpcUaNodeRoutes(List<OpcUaNode> nodes, String endpoint, String allowedSecurityPolicies) {
        for (OpcUaNode n : nodes) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put(TEMPLATE_ID_KEY, TEMPLATE_ID);
            p.put("nodeId", n.nodeId());
            p.put("assetId", n.assetId());
            p.put("quantity", n.quantity());
            p.put("endpoint", endpoint);
            p.put("securityPolicies", allowedSecurityPolicies);
            routes.put(n.routeId(), p);
        }
    }

    private static final String TEMPLATE_ID_KEY = RouteTemplateParameterSource.TEMPLATE_ID;

    @Override
    public Map<String, Object> parameters(String routeId) {
        return new LinkedHashMap<>(routes.get(routeId));
    }

    @Override
    public Set<String> routeIds() {
        return new LinkedHashSet<>(routes.keySet());
    }
}
