package de.stadtwerk.hub.field.opcua;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OPC UA client security of the hub, checked once at start: security policy and mode, the client identity
 * (certificate), the trust list for server certificates, and the user name.
 *
 * <p>Rules: only the configured policy is allowed ({@code allowedSecurityPolicies} gets exactly its URI, never the
 * component's accept-all default); policy None only when configured, and then health reports the connection as
 * degraded; the deprecated policies Basic128Rsa15 and Basic256 are refused; no user name and password over None
 * (they would travel in clear text). A server certificate is accepted only when it is in the trust list
 * ({@code <trust dir>/trusted/certs}); an unknown one is refused and copied to {@code <trust dir>/rejected}, from where
 * an administrator moves it to {@code trusted/certs} after checking its fingerprint.
 */
public final class OpcUaSecurity {

    /** Message security mode. */
    public enum Mode { None, Sign, SignAndEncrypt }

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaSecurity.class);
    private static final String SAFE_CREDENTIAL = "[A-Za-z0-9._~!&',;=-]+";

    private final SecurityPolicy policy;
    private final Mode mode;
    private final OpcUaIdentity identity;
    private final String username;
    private final String password;
    private final Path trustDir;
    private final FileBasedTrustListManager trustList;
    private final CertificateValidator validator;
    private final AtomicReference<String> lastRejection = new AtomicReference<>();

    private OpcUaSecurity(SecurityPolicy policy, Mode mode, OpcUaIdentity identity, String username, String password,
            Path trustDir, FileBasedTrustListManager trustList, CertificateValidator validator) {
        this.policy = policy;
        this.mode = mode;
        this.identity = identity;
        this.username = username;
        this.password = password;
        this.trustDir = trustDir;
        this.trustList = trustList;
        this.validator = validator;
    }

    /** Parses a policy name (None, Basic256Sha256, Aes128_Sha256_RsaOaep, Aes256_Sha256_RsaPss) or its URI. */
    public static SecurityPolicy policy(String text) {
        String t = text == null ? "" : text.trim();
        if (t.contains("#")) {
            t = t.substring(t.indexOf('#') + 1);
        }
        for (SecurityPolicy p : SecurityPolicy.values()) {
            if (p.name().equalsIgnoreCase(t)) {
                if (p == SecurityPolicy.Basic128Rsa15 || p == SecurityPolicy.Basic256) {
                    throw new IllegalArgumentException("configuration key " + OpcUaSettings.SECURITY_POLICY + ": "
                            + p.name() + " is deprecated (SHA-1) and refused; use Basic256Sha256, Aes128_Sha256_RsaOaep"
                            + " or Aes256_Sha256_RsaPss");
                }
                return p;
            }
        }
        throw new IllegalArgumentException("configuration key " + OpcUaSettings.SECURITY_POLICY + ": '" + text
                + "' is not one of None, Basic256Sha256, Aes128_Sha256_RsaOaep, Aes256_Sha256_RsaPss");
    }

    /** Parses a security mode name. */
    public static Mode mode(String text) {
        for (Mode m : Mode.values()) {
            if (m.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("configuration key " + OpcUaSettings.SECURITY_MODE + ": '" + text
                + "' is not one of None, Sign, SignAndEncrypt");
    }

    /**
     * Checks and builds the security from configuration values.
     *
     * @param identity       the client identity, or null to load/create it from {@code keyStore}
     * @param extraTrusted   certificates to trust besides the trust dir (the embedded simulator's)
     */
    public static OpcUaSecurity create(String policyName, String modeName, String username, String password,
            Path keyStore, char[] keyStorePassword, String keyAlias, Path trustDir, List<X509Certificate> extraTrusted) {
        SecurityPolicy policy = policy(policyName);
        Mode mode = mode(modeName);
        if ((policy == SecurityPolicy.None) != (mode == Mode.None)) {
            throw new IllegalArgumentException("configuration keys " + OpcUaSettings.SECURITY_POLICY + "=" + policy.name()
                    + " and " + OpcUaSettings.SECURITY_MODE + "=" + mode + " do not fit: policy None goes with mode None,"
                    + " a real policy with Sign or SignAndEncrypt");
        }
        String user = username == null ? "" : username.trim();
        String pw = password == null ? "" : password;
        if (!user.isEmpty()) {
            if (policy == SecurityPolicy.None) {
                throw new IllegalArgumentException("configuration key " + OpcUaSettings.USERNAME + " is set while "
                        + OpcUaSettings.SECURITY_POLICY + " is None: the password would travel in clear text. Use"
                        + " Basic256Sha256 with SignAndEncrypt, or anonymous access");
            }
            if (!user.matches(SAFE_CREDENTIAL) || !pw.matches(SAFE_CREDENTIAL)) {
                throw new IllegalArgumentException("configuration keys " + OpcUaSettings.USERNAME + "/" + OpcUaSettings.PASSWORD
                        + ": user name and password must be non-empty and use only letters, digits and . _ ~ ! & ' , ; = -"
                        + " (camel-milo 4.17 passes them inside the endpoint URI)");
            }
        }
        if (policy == SecurityPolicy.None) {
            LOG.warn("OPC UA security policy None is configured: the connection is neither signed nor encrypted and the"
                    + " server is not authenticated; health reports it as degraded");
            return new OpcUaSecurity(policy, mode, null, "", "", trustDir, null, null);
        }
        OpcUaIdentity id = OpcUaIdentity.loadOrCreate(keyStore, keyStorePassword, keyAlias == null || keyAlias.isBlank()
                ? "hub-opcua-client" : keyAlias, "urn:stadtwerk-hub:opcua-client", "Stadtwerk Hub OPC UA client");
        try {
            FileBasedTrustListManager trust = FileBasedTrustListManager.createAndInitialize(trustDir);
            for (X509Certificate c : extraTrusted) {
                if (!trust.getTrustedCertificates().contains(c)) {
                    trust.addTrustedCertificate(c);
                }
            }
            FileBasedCertificateQuarantine quarantine = FileBasedCertificateQuarantine.create(trustDir.resolve("rejected"));
            OpcUaSecurity[] self = new OpcUaSecurity[1];
            DefaultClientCertificateValidator inner = new DefaultClientCertificateValidator(trust, quarantine);
            CertificateValidator recording = (chain, applicationUri, hostNames) -> {
                try {
                    inner.validateCertificateChain(chain, applicationUri, hostNames);
                    self[0].lastRejection.set(null);
                } catch (UaException e) {
                    String subject = chain.isEmpty() ? "(none)" : chain.get(0).getSubjectX500Principal().toString();
                    String msg = "server certificate " + subject + " refused (" + e.getStatusCode() + "): if it is the"
                            + " right server, move its file from " + trustDir.resolve("rejected") + " to "
                            + trustDir.resolve("trusted").resolve("certs");
                    if (!msg.equals(self[0].lastRejection.getAndSet(msg))) {
                        LOG.error("OPC UA: {}", msg);
                    }
                    throw e;
                }
            };
            self[0] = new OpcUaSecurity(policy, mode, id, user, pw, trustDir, trust, recording);
            return self[0];
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot use the OPC UA trust directory " + trustDir + ": " + e.getMessage(), e);
        }
    }

    public SecurityPolicy policy() {
        return policy;
    }

    public Mode mode() {
        return mode;
    }

    /** True when the configuration allows neither signing nor encryption (policy None). */
    public boolean degraded() {
        return policy == SecurityPolicy.None;
    }

    /** The client identity; null with policy None. */
    public OpcUaIdentity identity() {
        return identity;
    }

    /** The validator of server certificates (trust list); null with policy None. */
    public CertificateValidator validator() {
        return validator;
    }

    /** Value of camel-milo's {@code allowedSecurityPolicies}: exactly the configured policy. */
    public String allowedSecurityPolicies() {
        return policy.getUri();
    }

    /** The endpoint URI with the user name and password inserted (they never appear in a route or its URI). */
    public String withCredentials(String endpointUri) {
        if (username.isEmpty() || endpointUri == null || endpointUri.contains("@")) {
            return endpointUri;
        }
        int i = endpointUri.indexOf("://");
        return i < 0 ? endpointUri : endpointUri.substring(0, i + 3) + username + ":" + password + "@" + endpointUri.substring(i + 3);
    }

    /** The user name, or blank for anonymous. */
    public String username() {
        return username;
    }

    /**
     * Fails when the server at {@code discoveryUri} offers no endpoint with the configured policy and at least the
     * configured mode (the reason is kept for health and logged once).
     */
    void checkOffered(String discoveryUri) {
        List<org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription> offered;
        try {
            offered = org.eclipse.milo.opcua.sdk.client.DiscoveryClient.getEndpoints(discoveryUri)
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("OPC UA server " + discoveryUri + " not reachable: " + e.getMessage(), e);
        }
        boolean ok = offered.stream().anyMatch(ep -> policy.getUri().equals(ep.getSecurityPolicyUri())
                && modeRank(String.valueOf(ep.getSecurityMode())) >= mode.ordinal());
        if (ok) {
            lastRejection.compareAndSet(lastRefusedOffer, null);
            return;
        }
        String msg = "OPC UA server " + discoveryUri + " offers no endpoint with security " + policy.name() + "/" + mode
                + " (it offers " + offered.stream().map(ep -> SecurityPolicy.fromUriSafe(ep.getSecurityPolicyUri())
                        .map(Enum::name).orElse(ep.getSecurityPolicyUri()) + "/" + ep.getSecurityMode()).distinct().toList()
                + "); refused. Configure the server, or hub.opcua.security-policy/-mode if that is really wanted";
        if (!msg.equals(lastRejection.getAndSet(msg))) {
            LOG.error(msg);
        }
        lastRefusedOffer = msg;
        throw new IllegalStateException(msg);
    }

    private volatile String lastRefusedOffer;

    private static int modeRank(String m) {
        return switch (m) {
            case "SignAndEncrypt" -> 2;
            case "Sign" -> 1;
            default -> 0;
        };
    }

    /** Why the last server certificate or endpoint was refused, or null. */
    public String lastRejection() {
        return lastRejection.get();
    }

    public Path trustDir() {
        return trustDir;
    }

    /** Short description for logs and health: {@code Basic256Sha256/SignAndEncrypt, user hub}. */
    public String describe() {
        return policy.name() + "/" + mode + (username.isEmpty() ? ", anonymous" : ", user " + username)
                + (degraded() ? " (degraded: no security)" : "");
    }

    @Override
    public String toString() {
        return "OpcUaSecurity[" + describe().toLowerCase(Locale.ROOT) + "]";
    }
}
