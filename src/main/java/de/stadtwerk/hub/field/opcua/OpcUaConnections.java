package de.stadtwerk.hub.field.opcua;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.component.milo.client.MiloClientConfiguration;
import org.apache.camel.component.milo.client.MiloClientConnection;
import org.apache.camel.component.milo.client.MiloClientConnectionManager;
import org.apache.camel.component.milo.client.MonitorFilterConfiguration;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's {@link MiloClientConnectionManager} for the {@code milo-client} component: one connection (one session,
 * one subscription) per server and configuration, shared by the routes of all nodes and counted like camel-milo's own
 * caching manager; every connection uses {@link HubMiloClientConfiguration} (certificate chain, trust list,
 * credentials).
 *
 * <p>It also tells the health check whether a session is active. camel-milo 4.17 exposes no connection state and
 * raises no event, so the state is read from its internals (connection → subscription manager → connected client) by
 * reflection; when that fails on another camel-milo version the state is "unknown" and the watchdog alone decides.
 */
public class OpcUaConnections implements MiloClientConnectionManager {

    /** The session state as far as it can be read. */
    public record SessionState(boolean known, boolean active, String securityPolicyUri, String securityMode) {
        static final SessionState UNKNOWN = new SessionState(false, false, null, null);
        static final SessionState NONE = new SessionState(true, false, null, null);
    }

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaConnections.class);

    private final OpcUaSecurity security;
    private final Map<String, Managed> cache = new HashMap<>();
    private volatile boolean reflectionBroken;

    private static final class Managed {
        final MiloClientConnection connection;
        int users;

        Managed(MiloClientConnection connection) {
            this.connection = connection;
        }
    }

    public OpcUaConnections(OpcUaSecurity security) {
        this.security = security;
    }

    @Override
    public synchronized MiloClientConnection createConnection(MiloClientConfiguration configuration,
            MonitorFilterConfiguration monitorFilterConfiguration) {
        HubMiloClientConfiguration cfg = new HubMiloClientConfiguration(configuration, security);
        String id = cfg.toCacheId();
        Managed m = cache.computeIfAbsent(id, k -> new Managed(new MiloClientConnection(cfg, monitorFilterConfiguration)));
        m.users++;
        return m.connection;
    }

    @Override
    public synchronized void releaseConnection(MiloClientConnection connection) {
        cache.entrySet().removeIf(e -> {
            if (e.getValue().connection != connection) {
                return false;
            }
            if (--e.getValue().users > 0) {
                return false;
            }
            try {
                connection.close();
            } catch (Exception ex) {
                LOG.warn("OPC UA: closing the connection failed: {}", ex.toString());
            }
            return true;
        });
    }

    /** Number of open connections. */
    public synchronized int connections() {
        return cache.size();
    }

    /**
     * The state of the session(s): active only when every connection has an active session; unknown when there is no
     * connection yet or the internals cannot be read.
     */
    public SessionState sessionState() {
        List<MiloClientConnection> list;
        synchronized (this) {
            list = new ArrayList<>();
            cache.values().forEach(m -> list.add(m.connection));
        }
        if (list.isEmpty() || reflectionBroken) {
            return SessionState.UNKNOWN;
        }
        SessionState result = null;
        for (MiloClientConnection c : list) {
            SessionState s = state(c);
            if (!s.known()) {
                return s;
            }
            if (!s.active()) {
                return s;
            }
            result = s;
        }
        return result;
    }

    private SessionState state(MiloClientConnection connection) {
        try {
            Object manager = field(connection, "manager");
            if (manager == null) {
                return SessionState.NONE;
            }
            Object connected = field(manager, "connected");
            if (connected == null) {
                return SessionState.NONE;
            }
            Object client = field(connected, "client");
            if (!(client instanceof OpcUaClient ua)) {
                return SessionState.NONE;
            }
            CompletableFuture<?> session = ua.getSessionAsync();
            boolean active = session.isDone() && !session.isCompletedExceptionally();
            EndpointDescription ep = ua.getConfig().getEndpoint();
            return new SessionState(true, active, ep.getSecurityPolicyUri(), String.valueOf(ep.getSecurityMode()));
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (!reflectionBroken) {
                reflectionBroken = true;
                LOG.warn("OPC UA: cannot read the session state from camel-milo ({}); health relies on the watchdog alone",
                        e.toString());
            }
            return SessionState.UNKNOWN;
        }
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        Class<?> c = target.getClass();
        while (c != null) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException e) {
                c = c.getSuperclass();
            }
        }
        throw new NoSuchFieldException(target.getClass().getName() + "." + name);
    }

    Optional<OpcUaSecurity> security() {
        return Optional.of(security);
    }
}
