package de.stadtwerk.hub.publish.api;

import de.stadtwerk.hub.support.HubSettings;
import io.vertx.core.Handler;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.net.SSLOptions;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS on the business port ({@code hub.server.tls.*}), with the protocol versions and cipher suites of BSI
 * TR-02102-2: TLS 1.2 and 1.3 only, forward-secret AEAD/SHA-2 suites only.
 *
 * <p>Camel 4.17 hands the embedded Vert.x server only a key manager from the global SSL configuration
 * ({@code VertxHelper.setupSSLOptions}); protocols and cipher suites stay Vert.x/Netty defaults, which include
 * TLS_RSA_* (no forward secrecy), CBC with SHA-1 and ChaCha20. So this class (1) gives the context the global
 * {@link SSLContextParameters} with the hub's key store (the server then starts with TLS, via
 * {@code camel.server.use-global-ssl-context-parameters}), and (2) as soon as the business server has started
 * (before any route is started) replaces its SSL options with the configured protocols and suites through Vert.x's
 * {@code HttpServer.updateSSLOptions}. If that fails, the business port is closed and the reason logged as an
 * ERROR: the hub does not serve with a weaker policy.
 *
 * <p>Client certificates ({@code hub.server.tls.client-auth=request|required}, the accepted CAs in
 * {@code hub.server.tls.trust-store}): Vert.x 4.5 (the version under Camel 4.17) has no {@code ServerSSLOptions};
 * its {@code SSLOptions} take trust options but not the client-auth mode, which a server fixes when it is created
 * ({@code HttpServerOptions.setClientAuth}, read once into its {@code SSLHelper}), and Camel creates the business
 * server with a bare {@code HttpServerOptions}. So with client authentication the business server is replaced at
 * the same point instead: the Camel-made server is closed and a new one, created with the complete policy (key,
 * trust store, client-auth, protocols, suites) on the same Vert.x instance with the same request handler (Camel's
 * router), listens on the same address before any route starts. The API key still decides what a caller may see.
 */
public class BusinessPortTls implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(BusinessPortTls.class);

    /** true: the business port speaks HTTPS only. */
    public static final String ENABLED = "hub.server.tls.enabled";
    /** PKCS12 key store with the server's key and certificate chain. */
    public static final String KEY_STORE = "hub.server.tls.key-store";
    /** Its password (from the environment: HUB_SERVER_TLS_KEY_STORE_PASSWORD). */
    public static final String KEY_STORE_PASSWORD = "hub.server.tls.key-store-password";
    /** Protocol versions, comma-separated. */
    public static final String PROTOCOLS = "hub.server.tls.protocols";
    /** Cipher suites (JSSE names), comma-separated. */
    public static final String CIPHER_SUITES = "hub.server.tls.cipher-suites";
    /** Client certificates: none (default), request (optional, but a presented one must be trusted), required. */
    public static final String CLIENT_AUTH = "hub.server.tls.client-auth";
    /** PKCS12 trust store with the CA certificates whose client certificates are accepted. */
    public static final String TRUST_STORE = "hub.server.tls.trust-store";
    /** Its password (from the environment: HUB_SERVER_TLS_TRUST_STORE_PASSWORD). */
    public static final String TRUST_STORE_PASSWORD = "hub.server.tls.trust-store-password";

    /** TR-02102-2 (2025) recommended suites that the JDK 17 provider implements, strongest first. */
    public static final List<String> TR_02102_2_SUITES = List.of(
            "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
            "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256");

    /** Protocol versions allowed by TR-02102-2. */
    public static final Set<String> TR_02102_2_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

    @Override
    public void configure(CamelContext context) throws Exception {
        HubSettings s = new HubSettings(key -> context.getPropertiesComponent().resolveProperty(key));
        if (!s.bool(ENABLED, false)) {
            ClientAuth clientAuth = clientAuth(s);
            if (clientAuth != ClientAuth.NONE) {
                throw new IllegalArgumentException(CLIENT_AUTH + "=" + s.string(CLIENT_AUTH, "").trim()
                        + " needs TLS on the business port: " + ENABLED + "=true");
            }
            return;
        }
        Policy policy = policy(s);
        SSLContextParameters global = new SSLContextParameters();
        KeyStoreParameters ks = new KeyStoreParameters();
        ks.setResource("file:" + policy.keyStore());
        ks.setPassword(policy.password());
        ks.setType("PKCS12");
        KeyManagersParameters km = new KeyManagersParameters();
        km.setKeyStore(ks);
        km.setKeyPassword(policy.password());
        global.setKeyManagers(km);
        context.setSSLContextParameters(global);

        int port = s.integer("camel.server.port", 8080);
        context.getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
            private boolean applied;

            @Override
            public boolean isEnabled(CamelEvent event) {
                return !applied && (event instanceof CamelEvent.CamelContextRoutesStartingEvent
                        || event instanceof CamelEvent.CamelContextStartedEvent);
            }

            @Override
            public void notify(CamelEvent event) {
                VertxPlatformHttpServer server = businessServer(context, port);
                if (server == null) {
                    if (event instanceof CamelEvent.CamelContextStartedEvent) {
                        LOG.error("{}=true but the business HTTP server was not started (camel.server.enabled)", ENABLED);
                        applied = true;
                    }
                    return;
                }
                applied = true;
                try {
                    if (!server.isUseGlobalSslContextParameters()) {
                        throw new IllegalStateException("camel.server.use-global-ssl-context-parameters is false: the"
                                + " port would serve plain HTTP");
                    }
                    if (policy.clientAuth() == ClientAuth.NONE) {
                        apply(server.getServer(), policy);
                    } else {
                        replace(context, server, policy);
                    }
                } catch (Exception e) {
                    // an event notifier cannot fail the start, so close the port instead of serving a weaker policy
                    LOG.error("Business port {}: the TLS policy could not be applied ({}); the port is closed.",
                            port, e.getMessage(), e);
                    server.getServer().close();
                }
            }
        });
        LOG.info("Business port: TLS {} with {} cipher suites (key store {}), client certificates: {}{}",
                policy.protocols(), policy.cipherSuites().size(), policy.keyStore(),
                policy.clientAuth().name().toLowerCase(Locale.ROOT),
                policy.trustStore() == null ? "" : " (trust store " + policy.trustStore() + ")");
    }

    /** The configured policy, checked: the key store loads, only TR-02102-2 protocols, only suites the JDK has. */
    static Policy policy(HubSettings s) throws Exception {
        String file = s.string(KEY_STORE, "");
        if (file.isBlank()) {
            throw new IllegalArgumentException(ENABLED + "=true needs " + KEY_STORE + " (a PKCS12 file)");
        }
        Path path = Path.of(file).toAbsolutePath();
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException(KEY_STORE + ": " + path + " is not a readable file");
        }
        String password = s.string(KEY_STORE_PASSWORD, "");
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore.getInstance("PKCS12").load(in, password.toCharArray());
        } catch (Exception e) {
            throw new IllegalArgumentException(KEY_STORE + ": " + path + " cannot be opened with "
                    + KEY_STORE_PASSWORD + " (" + e.getClass().getSimpleName() + ")", e);
        }
        Set<String> protocols = split(s.string(PROTOCOLS, "TLSv1.3,TLSv1.2"));
        for (String p : protocols) {
            if (!TR_02102_2_PROTOCOLS.contains(p)) {
                throw new IllegalArgumentException(PROTOCOLS + ": '" + p + "' is not allowed (TR-02102-2: TLSv1.2, TLSv1.3)");
            }
        }
        String suitesValue = s.string(CIPHER_SUITES, "");
        Set<String> suites = suitesValue.isBlank() ? new LinkedHashSet<>(TR_02102_2_SUITES) : split(suitesValue);
        Set<String> supported = Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        for (String c : suites) {
            if (!supported.contains(c)) {
                throw new IllegalArgumentException(CIPHER_SUITES + ": '" + c + "' is not a cipher suite of this JVM");
            }
        }
        if (protocols.isEmpty() || suites.isEmpty()) {
            throw new IllegalArgumentException(PROTOCOLS + " and " + CIPHER_SUITES + " must not be empty");
        }
        ClientAuth clientAuth = clientAuth(s);
        Path trustStore = null;
        String trustPassword = s.string(TRUST_STORE_PASSWORD, "");
        if (clientAuth != ClientAuth.NONE) {
            trustStore = trustStore(s, clientAuth, trustPassword);
        } else if (!s.string(TRUST_STORE, "").isBlank()) {
            LOG.warn("{} is set but {}=none: no client certificate is asked for", TRUST_STORE, CLIENT_AUTH);
        }
        return new Policy(path, password, protocols, suites, clientAuth, trustStore, trustPassword);
    }

    /** {@code hub.server.tls.client-auth}: none, request or required. */
    static ClientAuth clientAuth(HubSettings s) {
        String value = s.string(CLIENT_AUTH, "none").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "", "none" -> ClientAuth.NONE;
            case "request" -> ClientAuth.REQUEST;
            case "required" -> ClientAuth.REQUIRED;
            default -> throw new IllegalArgumentException(CLIENT_AUTH + ": '" + value
                    + "' is not one of none, request, required");
        };
    }

    /** The trust store for client certificates: readable, opens with its password, holds at least one certificate. */
    private static Path trustStore(HubSettings s, ClientAuth clientAuth, String password) {
        String file = s.string(TRUST_STORE, "");
        String setting = CLIENT_AUTH + "=" + clientAuth.name().toLowerCase(Locale.ROOT);
        if (file.isBlank()) {
            throw new IllegalArgumentException(setting + " needs " + TRUST_STORE
                    + " (a PKCS12 file with the CA certificates whose client certificates are accepted)");
        }
        Path path = Path.of(file).toAbsolutePath();
        KeyStore trust;
        try (InputStream in = Files.newInputStream(path)) {
            trust = KeyStore.getInstance("PKCS12");
            trust.load(in, password.toCharArray());
        } catch (Exception e) {
            throw new IllegalArgumentException(TRUST_STORE + ": " + path + " cannot be opened with "
                    + TRUST_STORE_PASSWORD + " (" + e.getClass().getSimpleName() + ")", e);
        }
        try {
            for (String alias : Collections.list(trust.aliases())) {
                if (trust.isCertificateEntry(alias)) {
                    return path;
                }
            }
        } catch (Exception e) {
            throw new IllegalArgumentException(TRUST_STORE + ": " + path + " cannot be read", e);
        }
        throw new IllegalArgumentException(TRUST_STORE + ": " + path + " holds no trusted CA certificate");
    }

    /** The business port's Vert.x server (the main server, not the management one), or null before it started. */
    static VertxPlatformHttpServer businessServer(CamelContext context, int port) {
        int managementPort = context.getPropertiesComponent().resolveProperty("camel.management.port")
                .filter(v -> v.trim().matches("\\d+")).map(v -> Integer.parseInt(v.trim())).orElse(-1);
        for (VertxPlatformHttpServer s : context.hasServices(VertxPlatformHttpServer.class)) {
            if (s.getServer() != null && (s.getConfigurationPort() != managementPort || managementPort == port)
                    && (port == 0 || s.getConfigurationPort() == port || s.getPort() == port)) {
                return s;
            }
        }
        return null;
    }

    private static void apply(HttpServer server, Policy policy) throws Exception {
        SSLOptions options = new SSLOptions()
                .setKeyCertOptions(keyStore(policy))
                .setEnabledSecureTransportProtocols(new LinkedHashSet<>(policy.protocols()));
        policy.cipherSuites().forEach(options::addEnabledCipherSuite);
        boolean updated = server.updateSSLOptions(options, true).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        if (!updated) {
            throw new IllegalStateException("the business port did not take the TLS policy (protocols "
                    + policy.protocols() + ")");
        }
        LOG.info("Business port: TLS policy applied ({}; {})", policy.protocols(), String.join(",", policy.cipherSuites()));
    }

    /**
     * Replaces Camel's business server by one created with the whole policy, client-auth included (see the class
     * comment): same Vert.x, same request handler, same address; closed when the context stops.
     */
    private static void replace(CamelContext context, VertxPlatformHttpServer platform, Policy policy) throws Exception {
        HttpServer old = platform.getServer();
        Handler<HttpServerRequest> handler = old.requestHandler();
        int port = old.actualPort();
        HttpServerOptions options = new HttpServerOptions().setSsl(true).setClientAuth(policy.clientAuth())
                .setKeyCertOptions(keyStore(policy))
                .setTrustOptions(new PfxOptions().setPath(policy.trustStore().toString())
                        .setPassword(policy.trustPassword()))
                .setEnabledSecureTransportProtocols(new LinkedHashSet<>(policy.protocols()));
        policy.cipherSuites().forEach(options::addEnabledCipherSuite);
        old.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        HttpServer server = platform.getVertx().createHttpServer(options).requestHandler(handler);
        server.listen(port, platform.getHost()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        });
        LOG.info("Business port: TLS policy applied with client certificates {} ({}; {}; CAs from {})",
                policy.clientAuth().name().toLowerCase(Locale.ROOT), policy.protocols(),
                String.join(",", policy.cipherSuites()), policy.trustStore());
    }

    private static PfxOptions keyStore(Policy policy) {
        return new PfxOptions().setPath(policy.keyStore().toString()).setPassword(policy.password());
    }

    private static Set<String> split(String value) {
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).forEach(out::add);
        return out;
    }

    /** The effective TLS settings of the business port. */
    record Policy(Path keyStore, String password, Set<String> protocols, Set<String> cipherSuites,
                  ClientAuth clientAuth, Path trustStore, String trustPassword) {
        @Override
        public String toString() {
            return "Policy[" + keyStore + ", " + protocols + ", " + cipherSuites.size() + " suites, client-auth "
                    + clientAuth + (trustStore == null ? "" : " " + trustStore) + "]";
        }
    }
}
