package de.stadtwerk.hub.embedded;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The simulator's address space: a folder per plant part, a Double variable per {@link SimulatedPlant.Signal}. */
final class SimulatorNamespace extends ManagedNamespaceWithLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorNamespace.class);

    private final SubscriptionModel subscriptions;
    private final List<SimulatedPlant.Signal> signals;
    private final Clock clock;
    private final Map<String, Long> forcedStatus;
    private final Map<String, UaVariableNode> nodes = new LinkedHashMap<>();
    private final Map<String, Double> requested = new ConcurrentHashMap<>();

    SimulatorNamespace(OpcUaServer server, String uri, List<SimulatedPlant.Signal> signals, Clock clock,
            Map<String, Long> forcedStatus) {
        super(server, uri);
        this.signals = signals;
        this.clock = clock;
        this.forcedStatus = forcedStatus;
        this.subscriptions = new SubscriptionModel(server, this);
        getLifecycleManager().addLifecycle(subscriptions);
        getLifecycleManager().addStartupTask(this::createNodes);
    }

    private void createNodes() {
        Map<String, UaFolderNode> folders = new LinkedHashMap<>();
        for (SimulatedPlant.Signal s : signals) {
            String folderPath = s.item().substring(0, s.item().lastIndexOf('/'));
            UaFolderNode folder = folders.computeIfAbsent(folderPath, this::folder);
            String name = s.item().substring(s.item().lastIndexOf('/') + 1);
            UaVariableNode node = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                    .setNodeId(newNodeId(s.item()))
                    .setBrowseName(newQualifiedName(name))
                    .setDisplayName(LocalizedText.english(name + " [" + s.unit() + "]"))
                    .setDataType(NodeIds.Double)
                    .setTypeDefinition(NodeIds.BaseDataVariableType)
                    .setAccessLevel(AccessLevel.READ_ONLY)
                    .setUserAccessLevel(AccessLevel.READ_ONLY)
                    .build();
            node.setValue(dataValue(s, clock.instant()));
            getNodeManager().addNode(node);
            folder.addOrganizes(node);
            nodes.put(s.item(), node);
        }
    }

    private UaFolderNode folder(String path) {
        NodeId id = newNodeId(path);
        UaFolderNode folder = new UaFolderNode(getNodeContext(), id, newQualifiedName(path), LocalizedText.english(path));
        getNodeManager().addNode(folder);
        folder.addReference(new Reference(folder.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(), false));
        return folder;
    }

    /** Sets every variable to its value now (source timestamp = now). */
    void update() {
        try {
            Instant now = clock.instant();
            for (SimulatedPlant.Signal s : signals) {
                UaVariableNode node = nodes.get(s.item());
                if (node != null) {
                    node.setValue(dataValue(s, now));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("OPC UA simulator: update failed: {}", e.toString());
        }
    }

    private DataValue dataValue(SimulatedPlant.Signal s, Instant at) {
        long status = forcedStatus.getOrDefault(s.item(), 0L);
        DateTime t = new DateTime(at);
        return new DataValue(new Variant(s.valueAt(at)), new StatusCode(status), t, t);
    }

    Map<String, Double> requestedSamplingIntervals() {
        return Map.copyOf(requested);
    }

    @Override
    public void onDataItemsCreated(List<DataItem> items) {
        for (DataItem item : items) {
            Object id = item.getReadValueId().getNodeId().getIdentifier();
            requested.put(String.valueOf(id), item.getSamplingInterval());
            LOG.debug("OPC UA simulator: {} subscribed, sampling interval {} ms", id, item.getSamplingInterval());
        }
        subscriptions.onDataItemsCreated(items);
    }

    @Override
    public void onDataItemsModified(List<DataItem> items) {
        subscriptions.onDataItemsModified(items);
    }

    @Override
    public void onDataItemsDeleted(List<DataItem> items) {
        subscriptions.onDataItemsDeleted(items);
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> items) {
        subscriptions.onMonitoringModeChanged(items);
    }
}
