package de.stadtwerk.hub.field.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.SocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the client's TLS socket factory from {@code hub.mqtt.tls.*}: trust store (blank: the JVM's CAs), optional
 * client certificate. TLS 1.3 and 1.2 (the JVM's defaults; older versions are disabled in Java 17). Host name
 * verification is switched by {@code hub.mqtt.tls.hostname-verification} on the connection options.
 */
final class MqttTls {

    private MqttTls() {
    }

    static SocketFactory socketFactory(MqttSettings.Tls tls) {
        try {
            TrustManagerFactory tmf = null;
            if (!tls.trustStore().isBlank()) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(tls.trustStore(), tls.trustStorePassword(), MqttSettings.TLS_TRUST_STORE));
            }
            KeyManagerFactory kmf = null;
            if (!tls.keyStore().isBlank()) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(tls.keyStore(), tls.keyStorePassword(), MqttSettings.TLS_KEY_STORE),
                        tls.keyStorePassword().toCharArray());
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("MQTT TLS: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String file, String password, String key) throws GeneralSecurityException {
        Path p = Path.of(file);
        String type = file.endsWith(".jks") ? "JKS" : "PKCS12";
        KeyStore ks = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(p)) {
            ks.load(in, password.isEmpty() ? null : password.toCharArray());
        } catch (IOException e) {
            throw new IllegalArgumentException(key + ": cannot read " + type + " store " + p.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
        return ks;
    }
}
