package de.stadtwerk.hub.publish.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for the TLS tests of the business port, made in the test with BouncyCastle (on the classpath with
 * Eclipse Milo): a CA, a server certificate for 127.0.0.1/localhost, client certificates issued by a CA; PKCS12 key
 * and trust stores; and clients that present a given certificate whatever CAs the server names.
 */
final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key pair with its certificate and the chain up to (and with) its CA. */
    record Issued(KeyPair keys, X509Certificate cert, X509Certificate[] chain) {
    }

    private TestCertificates() {
    }

    /** A self-signed CA. */
    static Issued ca(String cn) throws Exception {
        KeyPair keys = rsa();
        X509Certificate cert = sign(cn, keys, new X500Name("CN=" + cn), keys.getPrivate(), true, null, null);
        return new Issued(keys, cert, new X509Certificate[] {cert});
    }

    /** A self-signed server certificate for 127.0.0.1 and localhost. */
    static Issued server() throws Exception {
        KeyPair keys = rsa();
        GeneralNames san = new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, "127.0.0.1")});
        X509Certificate cert = sign("localhost", keys, new X500Name("CN=localhost"), keys.getPrivate(), false,
                KeyPurposeId.id_kp_serverAuth, san);
        return new Issued(keys, cert, new X509Certificate[] {cert});
    }

    /** A client certificate issued by {@code ca}. */
    static Issued client(String cn, Issued ca) throws Exception {
        KeyPair keys = rsa();
        X509Certificate cert = sign(cn, keys, X500Name.getInstance(ca.cert().getSubjectX500Principal().getEncoded()),
                ca.keys().getPrivate(), false, KeyPurposeId.id_kp_clientAuth, null);
        return new Issued(keys, cert, new X509Certificate[] {cert, ca.cert()});
    }

    /** A PKCS12 key store with the key and its chain under alias {@code hub}. */
    static Path keyStore(Path file, String password, Issued issued) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("hub", issued.keys().getPrivate(), password.toCharArray(), issued.chain());
        return write(ks, file, password);
    }

    /** A PKCS12 trust store with these certificates. */
    static Path trustStore(Path file, String password, X509Certificate... trusted) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        for (int i = 0; i < trusted.length; i++) {
            ks.setCertificateEntry("ca-" + i, trusted[i]);
        }
        return write(ks, file, password);
    }

    /**
     * A client context that trusts {@code server} and presents {@code client} (null: no certificate) — always, also
     * when the server names other CAs (as a caller with a certificate from a foreign CA would).
     */
    static SSLContext clientContext(Issued client, X509Certificate server) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", server);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(client == null ? null : new javax.net.ssl.KeyManager[] {new Presenting(client)},
                tmf.getTrustManagers(), null);
        return ctx;
    }

    /**
     * One HTTPS GET over a fresh connection: "HTTP <status>" or, when TLS refused it, "refused: <reason>". The reason
     * is the alert or error the client saw (with TLS 1.3 a refused client certificate surfaces after the client's
     * side of the handshake, on the first read).
     */
    static String get(SSLContext ctx, int port, String path, String key) {
        HttpClient http = HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        try {
            return "HTTP " + http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return "refused: " + reason(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A raw TLS exchange with one protocol version: the first response line, or "refused: <reason>". */
    static String exchange(SSLContext ctx, int port, String protocol) {
        try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[] {protocol});
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write("GET /api/v1/datasets HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
                line.append((char) c);
            }
            return line.length() == 0 ? "refused: closed without an answer" : line.toString();
        } catch (IOException e) {
            return "refused: " + reason(e);
        }
    }

    private static String reason(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            s.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append("; ");
        }
        return s.toString();
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static X509Certificate sign(String cn, KeyPair keys, X500Name issuer, PrivateKey issuerKey, boolean ca,
                                        KeyPurposeId purpose, GeneralNames san) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(2))), new X500Name("CN=" + cn), keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        if (purpose != null) {
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        }
        if (san != null) {
            b.addExtension(Extension.subjectAlternativeName, false, san);
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
    }

    private static Path write(KeyStore ks, Path file, String password) throws Exception {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password.toCharArray());
        }
        return file;
    }

    /** A key manager that always presents one certificate as a client. */
    private static final class Presenting extends X509ExtendedKeyManager {
        private final Issued issued;

        Presenting(Issued issued) {
            this.issued = issued;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "client";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "client";
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return issued.chain();
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return issued.keys().getPrivate();
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"client"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
