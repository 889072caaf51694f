package de.stadtwerk.hub.embedded;

import de.stadtwerk.hub.field.opcua.OpcUaIdentity;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfigBuilder;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.CompositeValidator;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.MemoryTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded OPC UA server: a small waterworks and a substation ({@link SimulatedPlant}) on the Milo server SDK,
 * so that the hub's OPC UA route has something to subscribe to without any plant. Endpoint
 * {@code opc.tcp://<bind>:<port>/sim}; variables {@code nsu=urn:stadtwerk-hub:simulator;s=<item>}, updated every
 * second with the source timestamp of the update. Can be stopped and started again on the same port (the tests
 * use that to simulate a SCADA restart) and can force a status code on an item (a failed sensor).
 */
public final class OpcUaSimulator implements AutoCloseable {

    /** Namespace of the simulated variables. */
    public static final String NAMESPACE_URI = "urn:stadtwerk-hub:simulator";
    /** Application URI of the simulator (also in its certificate). */
    public static final String APPLICATION_URI = "urn:stadtwerk-hub:opcua-simulator";
    /** Path of the endpoint. */
    public static final String PATH = "/sim";

    /**
     * What the simulator offers.
     *
     * @param bindAddress    address to listen on, e.g. 127.0.0.1
     * @param port           TCP port
     * @param offerNone      offer an endpoint without security (policy None)
     * @param offerSecure    offer Basic256Sha256 with Sign and SignAndEncrypt
     * @param trustedClients client certificates accepted on the secure endpoints
     * @param users          user name → password accepted (besides anonymous, which is accepted when allowAnonymous)
     * @param allowAnonymous accept anonymous sessions
     * @param identity       the server certificate; null: a new self-signed one
     * @param updateInterval how often the values change
     */
    public record Options(String bindAddress, int port, boolean offerNone, boolean offerSecure,
            List<X509Certificate> trustedClients, Map<String, String> users, boolean allowAnonymous,
            OpcUaIdentity identity, Duration updateInterval) {

        public Options {
            trustedClients = List.copyOf(trustedClients);
            users = Map.copyOf(users);
        }

        /** None only, anonymous, a value per second: the simplest simulator for tests. */
        public static Options insecure(String bindAddress, int port) {
            return new Options(bindAddress, port, true, false, List.of(), Map.of(), true, null, Duration.ofSeconds(1));
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaSimulator.class);

    private final Options options;
    private final OpcUaIdentity identity;
    private final Clock clock;
    private final Map<String, Long> forcedStatus = new ConcurrentHashMap<>();
    private OpcUaServer server;
    private SimulatorNamespace namespace;
    private ScheduledExecutorService ticker;

    public OpcUaSimulator(Options options, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.identity = options.offerSecure() && options.identity() == null
                ? OpcUaIdentity.selfSigned(APPLICATION_URI, "Stadtwerk Hub OPC UA simulator", null)
                : options.identity();
    }

    /** The server certificate (null when only None is offered and none was given). */
    public X509Certificate certificate() {
        return identity == null ? null : identity.certificate();
    }

    public String endpointUrl() {
        return "opc.tcp://" + options.bindAddress() + ":" + options.port() + PATH;
    }

    public int port() {
        return options.port();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Starts the server; fails with a clear message when the port is taken. */
    public synchronized OpcUaSimulator start() {
        if (server != null) {
            return this;
        }
        ensurePortFree();
        try {
            OpcUaServer s = new OpcUaServer(config(), profile -> new OpcTcpServerTransport(
                    OpcTcpServerTransportConfig.newBuilder().build()));
            SimulatorNamespace ns = new SimulatorNamespace(s, NAMESPACE_URI, SimulatedPlant.signals(), clock, forcedStatus);
            ns.startup();
            try {
                s.startup().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                ns.shutdown();
                s.shutdown();
                throw new IllegalStateException("the OPC UA simulator cannot start on " + endpointUrl() + ": "
                        + e.getCause().getMessage() + portHint(), e.getCause());
            }
            ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread th = new Thread(r, "opcua-simulator-" + options.port());
                th.setDaemon(true);
                return th;
            });
            long ms = Math.max(10, options.updateInterval().toMillis());
            t.scheduleAtFixedRate(ns::update, 0, ms, TimeUnit.MILLISECONDS);
            server = s;
            namespace = ns;
            ticker = t;
            LOG.info("OPC UA simulator listening on {} (security: {}{})", endpointUrl(),
                    options.offerNone() ? "None" : "", options.offerSecure() ? (options.offerNone() ? ", " : "")
                            + "Basic256Sha256 Sign/SignAndEncrypt" : "");
            return this;
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the OPC UA simulator cannot start on " + endpointUrl() + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server (clients see it go away); {@link #start()} brings it back on the same port. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        ticker.shutdownNow();
        try {
            server.shutdown().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("OPC UA simulator on port {} did not stop cleanly: {}", options.port(), e.getMessage());
        }
        namespace.shutdown();
        server = null;
        namespace = null;
        ticker = null;
        LOG.info("OPC UA simulator on {} stopped", endpointUrl());
    }

    @Override
    public void close() {
        stop();
    }

    /** Forces an OPC UA status code (e.g. {@code 0x808C0000} Bad_SensorFailure) on an item until cleared. */
    public void forceStatus(String item, long statusCode) {
        forcedStatus.put(item, statusCode);
    }

    /** Back to Good. */
    public void clearStatus(String item) {
        forcedStatus.remove(item);
    }

    /** The sampling intervals clients asked for, per item (for tests and the log). */
    public synchronized Map<String, Double> requestedSamplingIntervals() {
        return namespace == null ? Map.of() : namespace.requestedSamplingIntervals();
    }

    private void ensurePortFree() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(options.bindAddress()), options.port()));
        } catch (BindException e) {
            throw new IllegalStateException("the OPC UA simulator cannot listen on " + options.bindAddress() + ":"
                    + options.port() + ": the port is already in use" + portHint(), e);
        } catch (IOException e) {
            throw new IllegalStateException("the OPC UA simulator cannot listen on " + options.bindAddress() + ":"
                    + options.port() + ": " + e.getMessage() + portHint(), e);
        }
    }

    private static String portHint() {
        return ". Stop the program that uses it, choose another port with hub.embedded.opcua.port, or switch the"
                + " simulator off with hub.embedded.opcua.enabled=false";
    }

    private OpcUaServerConfig config() throws Exception {
        Set<EndpointConfig> endpoints = new LinkedHashSet<>();
        EndpointConfig.Builder base = EndpointConfig.newBuilder()
                .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                .setBindAddress(options.bindAddress())
                .setBindPort(options.port())
                .setHostname(options.bindAddress())
                .setPath(PATH)
                .addTokenPolicies(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS, OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME);
        if (identity != null) {
            base.setCertificate(identity.certificate());
        }
        if (options.offerNone()) {
            endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None).build());
        }
        if (options.offerSecure()) {
            endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.Basic256Sha256)
                    .setSecurityMode(MessageSecurityMode.SignAndEncrypt).build());
            endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.Basic256Sha256)
                    .setSecurityMode(MessageSecurityMode.Sign).build());
        }
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("the OPC UA simulator offers no endpoint (neither None nor secure)");
        }
        OpcUaServerConfigBuilder b = OpcUaServerConfig.builder()
                .setApplicationUri(APPLICATION_URI)
                .setApplicationName(LocalizedText.english("Stadtwerk Hub OPC UA simulator"))
                .setProductUri("urn:stadtwerk-hub")
                .setEndpoints(endpoints);
        Map<String, String> users = options.users();
        UsernameIdentityValidator byPassword = new UsernameIdentityValidator(
                c -> c.getPassword() != null && c.getPassword().equals(users.get(c.getUsername())));
        if (options.allowAnonymous()) {
            b.setIdentityValidator(new CompositeValidator(AnonymousIdentityValidator.INSTANCE, byPassword));
        } else {
            b.setIdentityValidator(byPassword);
        }
        if (identity != null) {
            MemoryTrustListManager trust = new MemoryTrustListManager();
            for (X509Certificate c : options.trustedClients()) {
                trust.addTrustedCertificate(c);
            }
            MemoryCertificateQuarantine quarantine = new MemoryCertificateQuarantine();
            KeyPair pair = identity.keyPair();
            X509Certificate[] chain = {identity.certificate()};
            RsaSha256CertificateFactory factory = new RsaSha256CertificateFactory() {
                @Override
                protected KeyPair createRsaSha256KeyPair() {
                    return pair;
                }

                @Override
                protected X509Certificate[] createRsaSha256CertificateChain(KeyPair keyPair) {
                    return chain;
                }
            };
            DefaultApplicationGroup group = DefaultApplicationGroup.createAndInitialize(trust, new MemoryCertificateStore(),
                    factory, new DefaultServerCertificateValidator(trust, quarantine));
            b.setCertificateManager(new DefaultCertificateManager(quarantine, group));
        }
        return b.build();
    }

    /** The items the simulator serves, for documentation and tests. */
    public static List<String> items() {
        List<String> items = new ArrayList<>();
        for (SimulatedPlant.Signal s : SimulatedPlant.signals()) {
            items.add(s.item());
        }
        return items;
    }
}
