package de.stadtwerk.hub.publish.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * S2 with {@code hub.server.tls.client-auth=request}: a caller without a certificate is served (the API key alone
 * decides: 200 with a valid key or none, 401 with a wrong one); a certificate of the trusted CA is accepted; a
 * certificate of a foreign CA still fails the handshake.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "camel.server.port={{business-port-client-cert-request-test.port}}", "camel.server.host=127.0.0.1",
            "camel.management.port={{business-port-client-cert-request-test.management-port}}",
            "hub.server.tls.enabled=true",
            "hub.server.tls.key-store={{business-port-client-cert-request-test.key-store}}",
            "hub.server.tls.key-store-password=" + BusinessPortClientCertTest.Setup.PASSWORD,
            "hub.server.tls.client-auth=request",
            "hub.server.tls.trust-store={{business-port-client-cert-request-test.trust-store}}",
            "hub.server.tls.trust-store-password=" + BusinessPortClientCertTest.Setup.PASSWORD,
            "hub.api.partners-file=src/test/resources/api/partners.yaml",
            "hub.db.url=jdbc:h2:mem:business-port-client-cert-request-test;DB_CLOSE_DELAY=-1",
            "hub.data.dir=target/business-port-client-cert-request-test",
            "hub.demo.enabled=false", "hub.embedded.mqtt.port=0", "hub.embedded.mqtt.persistence=in-memory",
            "hub.embedded.opcua.port=0", "hub.opcua.enabled=false", "hub.opendata.run-at-start=false"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BusinessPortClientCertRequestTest {

    static final BusinessPortClientCertTest.Setup S =
            new BusinessPortClientCertTest.Setup("business-port-client-cert-request-test");

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void withoutACertificateTheKeyDecidesAForeignCaFailsTheHandshake(String protocol) throws Exception {
        assertThat(TestCertificates.exchange(S.without(), S.port, protocol)).isEqualTo("HTTP/1.1 200 OK");
        assertThat(TestCertificates.exchange(S.trusted(), S.port, protocol)).isEqualTo("HTTP/1.1 200 OK");
        String foreign = TestCertificates.exchange(S.foreign(), S.port, protocol);
        System.out.println("S2 mTLS request, " + protocol + ": foreign CA -> " + foreign);
        assertThat(foreign).matches("refused: .*(certificate_unknown|Broken pipe|Connection reset).*");
    }

    @org.junit.jupiter.api.Test
    void withoutACertificateTheApiKeyStillDecides() throws Exception {
        assertThat(TestCertificates.get(S.without(), S.port, "/api/v1/datasets", PartnerApiRouteTest.KEY_A))
                .isEqualTo("HTTP 200");
        assertThat(TestCertificates.get(S.without(), S.port, "/api/v1/datasets", "swh_wrong")).isEqualTo("HTTP 401");
        assertThat(TestCertificates.get(S.without(), S.port, "/api/v1/admin/keys", null)).isEqualTo("HTTP 401");
        assertThat(TestCertificates.get(S.trusted(), S.port, "/api/v1/datasets", PartnerApiRouteTest.KEY_A))
                .isEqualTo("HTTP 200");
        assertThat(TestCertificates.get(S.foreign(), S.port, "/api/v1/datasets", PartnerApiRouteTest.KEY_A))
                .startsWith("refused: ");
    }
}
