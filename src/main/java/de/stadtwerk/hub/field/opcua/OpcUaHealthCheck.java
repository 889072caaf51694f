package de.stadtwerk.hub.field.opcua;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of the OPC UA field connection ({@code field/opcua} in {@code /observe/health}): DOWN while connecting,
 * while the session is lost, or when the watchdog saw no value for its timeout; UP otherwise. Security policy None is
 * UP but marked {@code degraded=true} with a message. Details: endpoint, security, state since, last value, the last
 * outages and, when a server certificate was refused, why and what to do.
 */
public class OpcUaHealthCheck extends AbstractHealthCheck {

    private final OpcUaWatchdog watchdog;
    private final OpcUaSecurity security;
    private final OpcUaConnections connections;
    private final String endpoint;

    public OpcUaHealthCheck(OpcUaWatchdog watchdog, OpcUaSecurity security, OpcUaConnections connections, String endpoint) {
        super("field", "opcua");
        this.watchdog = watchdog;
        this.security = security;
        this.connections = connections;
        this.endpoint = endpoint;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        OpcUaWatchdog.Status s = watchdog.evaluate();
        OpcUaConnections.SessionState session = connections.sessionState();
        builder.detail("opcua.endpoint", endpoint);
        builder.detail("opcua.security", security.describe());
        builder.detail("opcua.degraded", security.degraded());
        builder.detail("opcua.state", s.state().name());
        builder.detail("opcua.since", String.valueOf(s.since()));
        builder.detail("opcua.last-value-at", String.valueOf(s.lastValueAt()));
        builder.detail("opcua.session", session.known() ? (session.active() ? "active" : "inactive") : "unknown");
        builder.detail("opcua.outages", s.outages().stream().map(o -> o.from() + "/" + o.to()).toList().toString());
        String message = s.message();
        if (security.lastRejection() != null) {
            message = message + "; " + security.lastRejection();
        }
        String weaker = weakerMode(session);
        if (weaker != null) {
            builder.down().message(weaker);
            return;
        }
        if (s.state() != OpcUaWatchdog.State.UP) {
            builder.down().message(message);
        } else if (security.degraded()) {
            builder.up().message("degraded: security policy None (not signed, not encrypted) is configured; " + message);
        } else {
            builder.up().message(message);
        }
    }

    private String weakerMode(OpcUaConnections.SessionState session) {
        if (!session.known() || session.securityMode() == null || security.mode() != OpcUaSecurity.Mode.SignAndEncrypt) {
            return null;
        }
        return "SignAndEncrypt".equals(session.securityMode()) ? null
                : "the server granted security mode " + session.securityMode() + ", configured is SignAndEncrypt";
    }
}
