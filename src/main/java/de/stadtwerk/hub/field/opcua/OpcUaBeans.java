package de.stadtwerk.hub.field.opcua;

import static de.stadtwerk.hub.field.opcua.OpcUaSettings.*;

import de.stadtwerk.hub.embedded.OpcUaSimulator;
import de.stadtwerk.hub.support.HubSettings;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.milo.client.MiloClientComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Beans of the OPC UA field connection ({@code routes/field/scada-opcua.camel.yaml}): starts the embedded simulator
 * when {@code hub.embedded.opcua.enabled}, checks the security configuration, reads the node list, installs the hub's
 * connection manager in the {@code milo-client} component, and binds {@code opcUaIngest}, {@code opcUaWatchdog},
 * {@code opcUaConnections} and {@code opcUaNodeRoutes} (one route per node from the route template). Registers the
 * health check {@code field/opcua} and runs the watchdog every second.
 */
public class OpcUaBeans implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaBeans.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        HubSettings s = new HubSettings(key -> context.getPropertiesComponent().resolveProperty(key));
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();
        Path opcuaDir = s.dataDir().resolve("opcua");

        boolean simulate = s.bool(EMBEDDED_ENABLED, true);
        String endpoint = s.string(ENDPOINT, "");
        OpcUaSimulator simulator = null;
        List<X509Certificate> extraTrusted = new ArrayList<>();
        String simSecurity = s.string(EMBEDDED_SECURITY, "secure").toLowerCase(Locale.ROOT);
        if (!List.of("secure", "none", "both").contains(simSecurity)) {
            throw new IllegalArgumentException("configuration key " + EMBEDDED_SECURITY + ": '" + simSecurity
                    + "' is not secure, none or both");
        }
        OpcUaIdentity simIdentity = null;
        if (simulate && !simSecurity.equals("none")) {
            simIdentity = OpcUaIdentity.loadOrCreate(opcuaDir.resolve("simulator.p12"), new char[0], "simulator",
                    OpcUaSimulator.APPLICATION_URI, "Stadtwerk Hub OPC UA simulator");
            if (endpoint.isEmpty()) {
                extraTrusted.add(simIdentity.certificate());
            }
        }

        if (!s.bool(ENABLED, true) || (endpoint.isEmpty() && !simulate)) {
            LOG.info("OPC UA: no server ({} blank and the simulator off, or {}=false): no OPC UA subscription", ENDPOINT, ENABLED);
            return;
        }

        String keyStore = s.string(KEYSTORE, "");
        OpcUaSecurity security = OpcUaSecurity.create(s.string(SECURITY_POLICY, "Basic256Sha256"),
                s.string(SECURITY_MODE, "SignAndEncrypt"), s.string(USERNAME, ""), s.string(PASSWORD, ""),
                keyStore.isEmpty() ? opcuaDir.resolve("client.p12") : Path.of(keyStore),
                s.string(KEYSTORE_PASSWORD, "").toCharArray(), s.string(KEY_ALIAS, ""),
                trustDir(s, opcuaDir), extraTrusted);

        if (simulate) {
            List<X509Certificate> clients = security.identity() == null ? List.of() : List.of(security.identity().certificate());
            simulator = new OpcUaSimulator(new OpcUaSimulator.Options(s.string(EMBEDDED_BIND, "127.0.0.1"),
                    port(s.integer(EMBEDDED_PORT, 4840)), !simSecurity.equals("secure"), !simSecurity.equals("none"), clients,
                    Map.of(), true, simIdentity, Duration.ofSeconds(1)), clock);
            try {
                simulator.start();
            } catch (IllegalStateException e) {
                // Milo's shared non-daemon threads would keep the JVM alive after the failed start (shared notes §5)
                org.eclipse.milo.opcua.stack.core.Stack.releaseSharedResources();
                throw e;
            }
            OpcUaSimulator running = simulator;
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    running.stop();
                }
            });
            registry.bind("opcUaSimulator", simulator);
        }
        if (endpoint.isEmpty()) {
            endpoint = simulator.endpointUrl();
        }

        List<OpcUaNode> nodes = OpcUaNodeList.read(Path.of(s.string(NODES, "config/opcua-nodes.csv")));
        OpcUaConnections connections = new OpcUaConnections(security);
        context.getComponent("milo-client", MiloClientComponent.class).setMiloClientConnectionManager(connections);

        int publishing = s.integer(PUBLISHING_INTERVAL, 1000);
        int intervals = s.integer(WATCHDOG_INTERVALS, 10);
        if (publishing <= 0 || intervals < 0) {
            throw new IllegalArgumentException("configuration keys " + PUBLISHING_INTERVAL + " (> 0) and "
                    + WATCHDOG_INTERVALS + " (>= 0): " + publishing + ", " + intervals);
        }
        OpcUaWatchdog watchdog = new OpcUaWatchdog(clock, Duration.ofMillis((long) publishing * intervals),
                connections::sessionState, endpoint);
        OpcUaHealthCheck health = new OpcUaHealthCheck(watchdog, security, connections, endpoint);
        HealthCheckRegistry healthRegistry = HealthCheckRegistry.get(context);
        if (healthRegistry != null) {
            healthRegistry.register(health);
        }
        ScheduledExecutorService timer = context.getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "opcua-watchdog");
        timer.scheduleWithFixedDelay(() -> {
            try {
                watchdog.evaluate();
            } catch (RuntimeException e) {
                LOG.warn("OPC UA watchdog: {}", e.toString());
            }
        }, 1, 1, TimeUnit.SECONDS);

        registry.bind("opcUaConnections", connections);
        registry.bind("opcUaWatchdog", watchdog);
        registry.bind("opcUaHealthCheck", health);
        registry.bind("opcUaIngest", new OpcUaIngest(nodes, watchdog, clock));
        registry.bind("opcUaNodeRoutes", new OpcUaNodeRoutes(nodes, endpoint, security.allowedSecurityPolicies()));
        LOG.info("OPC UA: {} node(s) from {} on {} ({})", nodes.size(), s.string(NODES, "config/opcua-nodes.csv"),
                endpoint, security.describe());
    }

    /** The configured port; 0 picks a free one (tests). */
    private static int port(int configured) throws java.io.IOException {
        if (configured != 0) {
            return configured;
        }
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path trustDir(HubSettings s, Path opcuaDir) {
        String dir = s.string(TRUST_DIR, "");
        return dir.isEmpty() ? opcuaDir.resolve("pki") : Path.of(dir);
    }
}
