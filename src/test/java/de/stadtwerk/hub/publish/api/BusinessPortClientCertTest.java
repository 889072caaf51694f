package de.stadtwerk.hub.publish.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.stadtwerk.hub.support.HubSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * S2 "mTLS with a foreign CA": the business port with {@code hub.server.tls.client-auth=required} and a trust store
 * with one test CA (certificates made for this run, {@link TestCertificates}). A client certificate of that CA gets
 * through the handshake, and then the API key decides (200 with a valid key, 401 with a wrong one); a certificate of a
 * foreign CA (same subject) and no certificate fail the handshake, in TLS 1.2 and 1.3; the TR-02102-2 policy still
 * holds on the port. Misconfigurations are refused at start with the key named.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "camel.server.port={{business-port-client-cert-test.port}}", "camel.server.host=127.0.0.1",
            "camel.management.port={{business-port-client-cert-test.management-port}}",
            "hub.server.tls.enabled=true", "hub.server.tls.key-store={{business-port-client-cert-test.key-store}}",
            "hub.server.tls.key-store-password=" + BusinessPortClientCertTest.Setup.PASSWORD,
            "hub.server.tls.client-auth=required",
            "hub.server.tls.trust-store={{business-port-client-cert-test.trust-store}}",
            "hub.server.tls.trust-store-password=" + BusinessPortClientCertTest.Setup.PASSWORD,
            "hub.api.partners-file=src/test/resources/api/partners.yaml",
            "hub.db.url=jdbc:h2:mem:business-port-client-cert-test;DB_CLOSE_DELAY=-1",
            "hub.data.dir=target/business-port-client-cert-test",
            "hub.demo.enabled=false", "hub.embedded.mqtt.port=0", "hub.embedded.mqtt.persistence=in-memory",
            "hub.embedded.opcua.port=0", "hub.opcua.enabled=false", "hub.opendata.run-at-start=false"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BusinessPortClientCertTest {

    static final Setup S = new Setup("business-port-client-cert-test");

    /** Ports, certificates and stores of one test class, passed to its context by system properties. */
    static final class Setup {
        static final String PASSWORD = "mtls-test-pw-0815";
        final int port = ApiClient.freePort();
        final Path dir;
        final TestCertificates.Issued server;
        final TestCertificates.Issued trustedClient;
        final TestCertificates.Issued foreignClient;
        final Path keyStore;
        final Path trustStore;

        Setup(String name) {
            try {
                dir = Files.createDirectories(Path.of("target", name).toAbsolutePath());
                TestCertificates.Issued ca = TestCertificates.ca("Stadtwerk Hub Partner CA");
                TestCertificates.Issued foreignCa = TestCertificates.ca("Stadtwerk Hub Partner CA");
                server = TestCertificates.server();
                trustedClient = TestCertificates.client("stadtapp", ca);
                foreignClient = TestCertificates.client("stadtapp", foreignCa);
                keyStore = TestCertificates.keyStore(dir.resolve("server.p12"), PASSWORD, server);
                trustStore = TestCertificates.trustStore(dir.resolve("client-ca.p12"), PASSWORD, ca.cert());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            System.setProperty(name + ".port", Integer.toString(port));
            System.setProperty(name + ".management-port", Integer.toString(ApiClient.freePort()));
            System.setProperty(name + ".key-store", keyStore.toString());
            System.setProperty(name + ".trust-store", trustStore.toString());
        }

        SSLContext trusted() throws Exception {
            return TestCertificates.clientContext(trustedClient, server.cert());
        }

        SSLContext foreign() throws Exception {
            return TestCertificates.clientContext(foreignClient, server.cert());
        }

        SSLContext without() throws Exception {
            return TestCertificates.clientContext(null, server.cert());
        }
    }

    @Test
    void aTrustedClientCertificateGetsThroughAndTheKeyDecides() throws Exception {
        assertThat(TestCertificates.get(S.trusted(), S.port, "/api/v1/datasets", PartnerApiRouteTest.KEY_A))
                .isEqualTo("HTTP 200");
        assertThat(TestCertificates.get(S.trusted(), S.port, "/api/v1/datasets", "swh_wrong")).isEqualTo("HTTP 401");
        assertThat(TestCertificates.get(S.trusted(), S.port, "/api/v1/admin/keys", PartnerApiRouteTest.KEY_A))
                .isEqualTo("HTTP 403");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aForeignCaOrNoCertificateFailsTheHandshake(String protocol) throws Exception {
        assertThat(TestCertificates.exchange(S.trusted(), S.port, protocol)).isEqualTo("HTTP/1.1 200 OK");
        String foreign = TestCertificates.exchange(S.foreign(), S.port, protocol);
        String none = TestCertificates.exchange(S.without(), S.port, protocol);
        System.out.println("S2 mTLS required, " + protocol + ": foreign CA -> " + foreign + " | no certificate -> " + none);
        // the server's alert (certificate_unknown); in TLS 1.2 the client may still be sending its flight when the
        // server has closed, then it sees the connection torn down instead: either way no HTTP answer
        assertThat(foreign).matches("refused: .*(certificate_unknown|Broken pipe|Connection reset).*");
        assertThat(none).matches("refused: .*(bad_certificate|certificate_required|Broken pipe|Connection reset).*");
        assertThat(TestCertificates.get(S.foreign(), S.port, "/api/v1/datasets", PartnerApiRouteTest.KEY_A))
                .startsWith("refused: ");
        assertThat(TestCertificates.get(S.without(), S.port, "/api/v1/datasets", PartnerApiRouteTest.KEY_A))
                .startsWith("refused: ");
    }

    @Test
    void theTr02102PolicyHoldsWithClientCertificates() throws Exception {
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) S.trusted().getSocketFactory()
                .createSocket("127.0.0.1", S.port)) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.setEnabledCipherSuites(new String[] {"TLS_RSA_WITH_AES_128_GCM_SHA256"});
            assertThatThrownBy(socket::startHandshake).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        }
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) S.trusted().getSocketFactory()
                .createSocket("127.0.0.1", S.port)) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.startHandshake();
            assertThat(socket.getSession().getCipherSuite()).isIn(BusinessPortTls.TR_02102_2_SUITES);
        }
    }

    @Test
    void misconfiguredClientAuthenticationIsRefusedAtStart() throws Exception {
        assertThatThrownBy(() -> BusinessPortTls.policy(settings(Map.of(BusinessPortTls.TRUST_STORE, ""))))
                .hasMessageContaining("hub.server.tls.client-auth=required needs hub.server.tls.trust-store");
        assertThatThrownBy(() -> BusinessPortTls.policy(settings(Map.of(BusinessPortTls.CLIENT_AUTH, "optional"))))
                .hasMessageContaining("hub.server.tls.client-auth: 'optional' is not one of none, request, required");
        assertThatThrownBy(() -> BusinessPortTls.policy(settings(Map.of(BusinessPortTls.TRUST_STORE_PASSWORD, "wrong"))))
                .hasMessageContaining("hub.server.tls.trust-store: ").hasMessageContaining("cannot be opened with"
                        + " hub.server.tls.trust-store-password");
        assertThatThrownBy(() -> BusinessPortTls.policy(settings(Map.of(BusinessPortTls.TRUST_STORE,
                S.dir.resolve("missing.p12").toString())))).hasMessageContaining("hub.server.tls.trust-store: ");
        // the server's own key store holds a key, not a trusted CA certificate
        assertThatThrownBy(() -> BusinessPortTls.policy(settings(Map.of(BusinessPortTls.TRUST_STORE, S.keyStore.toString()))))
                .hasMessageContaining("holds no trusted CA certificate");
        assertThat(BusinessPortTls.policy(settings(Map.of(BusinessPortTls.CLIENT_AUTH, "request"))).clientAuth())
                .hasToString("REQUEST");

        // client-auth without TLS: the configuration class refuses to start
        Properties p = new Properties();
        p.setProperty(BusinessPortTls.CLIENT_AUTH, "request");
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setInitialProperties(p);
            assertThatThrownBy(() -> new BusinessPortTls().configure(context))
                    .hasMessage("hub.server.tls.client-auth=request needs TLS on the business port: hub.server.tls.enabled=true");
        }
    }

    private static HubSettings settings(Map<String, String> overrides) {
        Map<String, String> m = new HashMap<>(Map.of(BusinessPortTls.KEY_STORE, S.keyStore.toString(),
                BusinessPortTls.KEY_STORE_PASSWORD, Setup.PASSWORD, BusinessPortTls.CLIENT_AUTH, "required",
                BusinessPortTls.TRUST_STORE, S.trustStore.toString(), BusinessPortTls.TRUST_STORE_PASSWORD, Setup.PASSWORD));
        m.putAll(overrides);
        return new HubSettings(k -> Optional.ofNullable(m.get(k)));
    }
}
