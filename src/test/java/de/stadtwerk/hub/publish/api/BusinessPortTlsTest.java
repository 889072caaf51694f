package de.stadtwerk.hub.publish.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.stadtwerk.hub.support.HubSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * S5: the business port with TLS on (a fresh RSA-2048 key store made by keytool for this run). TLS 1.2 and 1.3 are
 * accepted with TR-02102-2 suites only; suites without forward secrecy, with SHA-1 or ChaCha20 are refused although
 * Vert.x/Netty would offer them by default; TLS 1.0/1.1 and plain HTTP get no answer. The JDK's own client cannot
 * even offer TLS 1.0/1.1 (jdk.tls.disabledAlgorithms), so those are probed with {@code openssl s_client} where it
 * is installed.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "camel.server.port={{business-port-tls-test.port}}", "camel.server.host=127.0.0.1",
            "camel.management.port={{business-port-tls-test.management-port}}",
            "hub.server.tls.enabled=true", "hub.server.tls.key-store={{business-port-tls-test.key-store}}",
            "hub.server.tls.key-store-password=" + BusinessPortTlsTest.PASSWORD,
            "hub.db.url=jdbc:h2:mem:business-port-tls-test;DB_CLOSE_DELAY=-1",
            "hub.data.dir=target/business-port-tls-test",
            "hub.demo.enabled=false", "hub.embedded.mqtt.port=0", "hub.embedded.mqtt.persistence=in-memory",
            "hub.embedded.opcua.port=0", "hub.opcua.enabled=false", "hub.opendata.run-at-start=false"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BusinessPortTlsTest {

    static final String PASSWORD = "tls-test-pw-4711";
    static final int PORT = ApiClient.freePort();
    static final int MANAGEMENT_PORT = ApiClient.freePort();
    static final Path KEY_STORE;

    static {
        try {
            Path dir = Files.createDirectories(Path.of("target/business-port-tls-test").toAbsolutePath());
            KEY_STORE = dir.resolve("server.p12");
            Files.deleteIfExists(KEY_STORE);
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "hub", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", KEY_STORE.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        System.setProperty("business-port-tls-test.port", Integer.toString(PORT));
        System.setProperty("business-port-tls-test.management-port", Integer.toString(MANAGEMENT_PORT));
        System.setProperty("business-port-tls-test.key-store", KEY_STORE.toString());
    }

    private static SSLContext trusting() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(KEY_STORE)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** Handshakes with exactly these protocols and suites; returns the negotiated suite. */
    private static String handshake(String protocol, String... suites) throws Exception {
        try (SSLSocket socket = (SSLSocket) trusting().getSocketFactory().createSocket("127.0.0.1", PORT)) {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[] {protocol});
            if (suites.length > 0) {
                socket.setEnabledCipherSuites(suites);
            }
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
            return socket.getSession().getCipherSuite();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void tls12And13AreAcceptedWithTr02102Suites(String protocol) throws Exception {
        assertThat(handshake(protocol)).isIn(BusinessPortTls.TR_02102_2_SUITES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"})
    void suitesOutsideTr02102AreRefused(String suite) {
        assertThatThrownBy(() -> handshake("TLSv1.2", suite)).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void tls13ChaChaIsRefused() {
        assertThatThrownBy(() -> handshake("TLSv1.3", "TLS_CHACHA20_POLY1305_SHA256"))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void theApiAnswersOverHttpsAndPlainHttpGetsNoAnswer() throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(trusting()).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + PORT
                + "/api/v1/datasets")).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"items\"");
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT
                + "/api/v1/datasets")).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    /** openssl s_client with the given protocol switch; the output (both streams). */
    private static String opensslClient(String protocolSwitch) throws Exception {
        Process p = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + PORT, protocolSwitch,
                "-cipher", "DEFAULT@SECLEVEL=0", "-servername", "localhost").redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private static boolean opensslPresent() {
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void opensslTls10And11AreRefusedByTheServer12And13Accepted() throws Exception {
        Assumptions.assumeTrue(opensslPresent(), "openssl is not installed");
        for (String old : List.of("-tls1", "-tls1_1")) {
            String out = opensslClient(old);
            // the client did send a hello (SECLEVEL=0 allows it); the server answered with a protocol_version alert
            assertThat(out).as(old).containsIgnoringCase("alert protocol version").contains("Cipher is (NONE)");
        }
        assertThat(opensslClient("-tls1_2")).contains("Protocol  : TLSv1.2").containsPattern("Cipher is ECDHE-RSA-AES(128|256)-(GCM-)?SHA(256|384)\\b");
        assertThat(opensslClient("-tls1_3")).contains("TLSv1.3").containsPattern("Cipher is TLS_AES_(128|256)_GCM_SHA(256|384)");
    }

    @Test
    void unsafeOrIncompletePoliciesAreRefusedAtStart() {
        assertThatThrownBy(() -> BusinessPortTls.policy(settings(Map.of(BusinessPortTls.PROTOCOLS, "TLSv1.2,TLSv1.1"))))
                .hasMessageContaining("'TLSv1.1' is not allowed");
        assertThatThrownBy(() -> BusinessPortTls.policy(settings(Map.of(BusinessPortTls.CIPHER_SUITES, "TLS_FANCY_NEW"))))
                .hasMessageContaining("'TLS_FANCY_NEW' is not a cipher suite");
        assertThatThrownBy(() -> BusinessPortTls.policy(settings(Map.of(BusinessPortTls.KEY_STORE_PASSWORD, "wrong"))))
                .hasMessageContaining("cannot be opened");
        assertThatThrownBy(() -> BusinessPortTls.policy(settings(Map.of(BusinessPortTls.KEY_STORE, ""))))
                .hasMessageContaining("needs hub.server.tls.key-store");
    }

    private static HubSettings settings(Map<String, String> overrides) {
        Map<String, String> m = new HashMap<>(Map.of(BusinessPortTls.KEY_STORE, KEY_STORE.toString(),
                BusinessPortTls.KEY_STORE_PASSWORD, PASSWORD));
        m.putAll(overrides);
        return new HubSettings(k -> Optional.ofNullable(m.get(k)));
    }
}
