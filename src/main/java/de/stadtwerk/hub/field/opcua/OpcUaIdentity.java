package de.stadtwerk.hub.field.opcua;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Period;
import java.util.Arrays;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;

/**
 * An OPC UA application instance certificate with its key pair: the hub's client certificate, or the simulator's
 * server certificate. Loaded from a PKCS12 key store, or made self-signed (RSA 2048, SHA-256) and kept in one so that
 * a restart presents the same certificate (the peer's trust list holds it).
 *
 * @param keyPair     the key pair
 * @param certificate the certificate; its subject alternative name carries the application URI
 */
public record OpcUaIdentity(KeyPair keyPair, X509Certificate certificate) {

    /** The application URI in the certificate's subject alternative name (OPC UA requires it to match). */
    public String applicationUri() {
        return CertificateUtil.getSanUri(certificate).orElseThrow(() -> new IllegalArgumentException(
                "certificate " + certificate.getSubjectX500Principal() + " has no application URI in its subject alternative name"));
    }

    /** A new self-signed identity for {@code applicationUri}, valid for localhost and 127.0.0.1 (and {@code hostname}). */
    public static OpcUaIdentity selfSigned(String applicationUri, String commonName, String hostname) {
        try {
            KeyPair pair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
            SelfSignedCertificateBuilder b = new SelfSignedCertificateBuilder(pair)
                    .setCommonName(commonName)
                    .setOrganization("Stadtwerk Hub")
                    .setApplicationUri(applicationUri)
                    .setValidityPeriod(Period.ofYears(5))
                    .addDnsName("localhost")
                    .addIpAddress("127.0.0.1");
            if (hostname != null && !hostname.isBlank() && !hostname.equals("localhost") && !hostname.equals("127.0.0.1")) {
                b.addDnsName(hostname);
            }
            return new OpcUaIdentity(pair, b.build());
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a self-signed OPC UA certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Loads the identity from a PKCS12 key store, or creates a self-signed one and stores it there when the file does
     * not exist yet (its certificate also as {@code <name>.der} beside it, to hand to the server's administrator).
     */
    public static OpcUaIdentity loadOrCreate(Path keyStore, char[] password, String alias, String applicationUri,
            String commonName) {
        if (Files.exists(keyStore)) {
            return load(keyStore, password, alias);
        }
        OpcUaIdentity created = selfSigned(applicationUri, commonName, null);
        try {
            Files.createDirectories(keyStore.toAbsolutePath().getParent());
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(alias, created.keyPair().getPrivate(), password, new Certificate[] {created.certificate()});
            try (OutputStream out = Files.newOutputStream(keyStore)) {
                ks.store(out, password);
            }
            String der = keyStore.getFileName().toString().replaceFirst("\\.p12$|\\.pfx$", "") + ".der";
            Files.write(keyStore.resolveSibling(der), created.certificate().getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the OPC UA key store " + keyStore + ": " + e.getMessage(), e);
        }
        return created;
    }

    /** Loads key and certificate under {@code alias} (the first key entry when blank) from a PKCS12 key store. */
    public static OpcUaIdentity load(Path keyStore, char[] password, String alias) {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            String a = alias;
            if (a == null || a.isBlank()) {
                a = java.util.Collections.list(ks.aliases()).stream().filter(x -> isKey(ks, x)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no key entry"));
            }
            Key key = ks.getKey(a, password);
            Certificate cert = ks.getCertificate(a);
            if (!(key instanceof PrivateKey pk) || !(cert instanceof X509Certificate x509)) {
                throw new IllegalArgumentException("no private key with an X.509 certificate under alias '" + a + "'");
            }
            return new OpcUaIdentity(new KeyPair(x509.getPublicKey(), pk), x509);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the OPC UA key store " + keyStore + ": " + e.getMessage()
                    + " (wrong password or not PKCS12?)", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("OPC UA key store " + keyStore + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot read the OPC UA key store " + keyStore + ": " + e.getMessage(), e);
        }
    }

    private static boolean isKey(KeyStore ks, String alias) {
        try {
            return ks.isKeyEntry(alias);
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "OpcUaIdentity[" + certificate.getSubjectX500Principal() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpcUaIdentity other && Arrays.equals(encoded(certificate), encoded(other.certificate));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded(certificate));
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (Exception e) {
            return new byte[0];
        }
    }
}
