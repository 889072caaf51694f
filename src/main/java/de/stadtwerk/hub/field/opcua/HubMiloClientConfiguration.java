package de.stadtwerk.hub.field.opcua;

import java.security.cert.X509Certificate;
import org.apache.camel.component.milo.client.MiloClientConfiguration;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfigBuilder;

/**
 * camel-milo's client configuration plus what camel-milo 4.17 cannot set (shared notes, section 4): the client
 * certificate chain (without it Milo 1.0 refuses SignAndEncrypt with "no certificate chain configured"), a validator
 * of server certificates with the hub's trust list (camel-milo installs none, so Milo would accept any server), and
 * the user name and password, which are inserted here so that they never appear in a route URI. {@link #clone()}
 * keeps the subclass, because the connection clones its configuration.
 */
class HubMiloClientConfiguration extends MiloClientConfiguration {

    private final OpcUaSecurity security;

    HubMiloClientConfiguration(MiloClientConfiguration from, OpcUaSecurity security) {
        super(from);
        this.security = security;
        setEndpointUri(security.withCredentials(from.getEndpointUri()));
        setAllowedSecurityPolicies(security.allowedSecurityPolicies());
        if (security.identity() != null) {
            setApplicationUri(security.identity().applicationUri());
        }
    }

    private String plainEndpointUri() {
        String uri = getDiscoveryEndpointUri() != null && !getDiscoveryEndpointUri().isEmpty() ? getDiscoveryEndpointUri()
                : getEndpointUri() + (getDiscoveryEndpointSuffix() == null ? "" : getDiscoveryEndpointSuffix());
        return uri.replaceFirst("://[^/@]*@", "://");
    }

    @Override
    public MiloClientConfiguration clone() {
        return new HubMiloClientConfiguration(this, security);
    }

    /**
     * Called by camel-milo for each connection attempt after it chose an endpoint. When the server offers no endpoint
     * with the configured policy, camel-milo 4.17 goes on with none and Milo's connect then blocks for ever (measured:
     * the route start hung); so the offered endpoints are checked here and the attempt fails with a clear reason
     * instead (camel-milo retries every 10 s).
     */
    @Override
    public OpcUaClientConfigBuilder newBuilder() {
        security.checkOffered(plainEndpointUri());
        OpcUaClientConfigBuilder b = super.newBuilder();
        OpcUaIdentity id = security.identity();
        if (id != null) {
            b.setKeyPair(id.keyPair());
            b.setCertificate(id.certificate());
            b.setCertificateChain(new X509Certificate[] {id.certificate()});
            b.setApplicationUri(id.applicationUri());
        }
        if (security.validator() != null) {
            b.setCertificateValidator(security.validator());
        }
        return b;
    }
}
