package de.stadtwerk.hub.field.opcua;

import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;

/**
 * Bean {@code opcUaIngest} of {@code routes/field/scada-opcua.camel.yaml}: turns the Milo {@code DataValue} that
 * camel-milo delivers for one node into observations for {@code direct:ingest}, through {@link OpcUaValueMapper}.
 * Tells the watchdog that a value arrived; when the watchdog saw an outage since the node's previous value, the result
 * also holds the gap: an INVALID interval from the previous value's source time to this one's, carrying the previous
 * value (the store keeps intervals with a value; INVALID keeps it out of forecasts and aggregates that filter on
 * quality).
 */
public class OpcUaIngest {

    /** Header with the node id (set by the route template). */
    public static final String NODE_HEADER = "HubOpcUaNode";

    private final Map<String, OpcUaNode> nodes;
    private final OpcUaWatchdog watchdog;
    private final Clock clock;
    private final Map<String, Observation> previous = new ConcurrentHashMap<>();

    public OpcUaIngest(List<OpcUaNode> nodes, OpcUaWatchdog watchdog, Clock clock) {
        this.nodes = nodes.stream().collect(Collectors.toUnmodifiableMap(OpcUaNode::nodeId, Function.identity()));
        this.watchdog = watchdog;
        this.clock = clock;
    }

    /** Camel entry: body DataValue, header {@value #NODE_HEADER}; returns 0, 1 or 2 observations. */
    public List<Observation> observations(Exchange exchange) {
        String nodeId = exchange.getMessage().getHeader(NODE_HEADER, String.class);
        Object body = exchange.getMessage().getBody();
        if (!(body instanceof DataValue dv)) {
            throw new IllegalArgumentException("OPC UA route of node " + nodeId + ": body is "
                    + (body == null ? "empty" : body.getClass().getName()) + ", expected a DataValue");
        }
        return observations(nodeId, dv.getValue() == null ? null : dv.getValue().getValue(),
                dv.getStatusCode() == null ? 0L : dv.getStatusCode().getValue(), instant(dv.getSourceTime()),
                instant(dv.getServerTime()));
    }

    /** The same with the parts of a DataValue (for tests without Milo types). */
    public List<Observation> observations(String nodeId, Object value, long statusCode, Instant sourceTime, Instant serverTime) {
        OpcUaNode node = nodes.get(nodeId);
        if (node == null) {
            throw new IllegalArgumentException("OPC UA value of node " + nodeId + ", which is not in the node list");
        }
        watchdog.valueArrived(nodeId);
        Instant now = clock.instant();
        List<Observation> out = new ArrayList<>(2);
        OpcUaValueMapper.map(node, value, statusCode, sourceTime, serverTime, now).ifPresent(o -> {
            Observation before = previous.put(nodeId, o);
            if (watchdog.takeGap(nodeId) && before != null && before.start().isBefore(o.start())) {
                out.add(new Observation(null, node.assetId(), node.quantity(), before.value(), node.unit(), before.start(),
                        o.start(), Quality.INVALID, OpcUaValueMapper.SOURCE, now));
            }
            out.add(o);
        });
        return out;
    }

    private static Instant instant(DateTime t) {
        if (t == null || t.isNull() || t.getUtcTime() == 0) {
            return null;
        }
        return t.getJavaInstant();
    }
}
