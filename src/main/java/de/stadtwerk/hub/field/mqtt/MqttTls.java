package de.stadtwerk.hub.field.mqtt;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientSslConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/** Builds the client's TLS configuration from {@code hub.mqtt.tls.*}: trust store, optional client certificate. */
final class MqttTls {

    private MqttTls() {
    }

    static MqttClientSslConfig config(MqttSettings.Tls tls) {
        MqttClientSslConfigBuilder b = MqttClientSslConfig.builder().protocols(List.of("TLSv1.3", "TLSv1.2"));
        try {
            if (!tls.trustStore().isBlank()) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(tls.trustStore(), tls.trustStorePassword(), MqttSettings.TLS_TRUST_STORE));
                b = b.trustManagerFactory(tmf);
            }
            if (!tls.keyStore().isBlank()) {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(tls.keyStore(), tls.keyStorePassword(), MqttSettings.TLS_KEY_STORE),
                        tls.keyStorePassword().toCharArray());
                b = b.keyManagerFactory(kmf);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("MQTT TLS: " + e.getMessage(), e);
        }
        if (!tls.hostnameVerification()) {
            b = b.hostnameVerifier((host, session) -> true);
        }
        return b.build();
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
