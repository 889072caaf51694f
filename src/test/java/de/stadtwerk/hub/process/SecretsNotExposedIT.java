package de.stadtwerk.hub.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.stadtwerk.hub.publish.api.ApiKeys;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S8 (and S5 from the jar): the hub started as a process with known secrets in its environment — store password,
 * MQTT credentials, the TLS key-store password, the OPC UA key-store password, legacy-database and SFTP passwords,
 * the admin API key. After it served requests (a right and a wrong key) and the demo meters published, none of the
 * secrets appears in its log (with Camel's startup summary), in health, metrics, or any API answer. (A route dump,
 * {@code camel.main.dump-routes}, needs camel-yaml-io or camel-xml-io, which the hub does not ship; the dev console
 * that shows routes is off.) The business port speaks HTTPS only (TR-02102-2 policy from the environment's key-store password).
 */
class SecretsNotExposedIT {

    private static final Duration BOOT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void knownSecretsAppearNowhere() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("HUB_DB_PASSWORD", "S8db" + run + "Secret");
        secrets.put("HUB_MQTT_USERNAME", "s8user" + run);
        secrets.put("HUB_MQTT_PASSWORD", "S8mqtt" + run + "Secret");
        secrets.put("HUB_SERVER_TLS_KEY_STORE_PASSWORD", "S8tls" + run + "Secret");
        secrets.put("HUB_OPCUA_KEYSTORE_PASSWORD", "S8opcua" + run + "Secret");
        secrets.put("HUB_LEGACY_DB_PASSWORD", "S8legacy" + run + "Secret");
        secrets.put("HUB_FEEDS_SFTP_PASSWORD", "S8sftp" + run + "Secret");
        String adminKey = "swh_S8admin" + run + "0000000000000000000000000000";
        String wrongKey = "swh_S8wrong" + run + "0000000000000000000000000000";

        Path keyStore = dir.resolve("server.p12");
        keytool(keyStore, secrets.get("HUB_SERVER_TLS_KEY_STORE_PASSWORD"));
        Map<String, String> env = new LinkedHashMap<>(secrets);
        env.put("HUB_API_ADMIN_KEY_HASH", ApiKeys.hash(adminKey));
        Map<String, String> props = Map.of("hub.data.dir", dir.resolve("data").toString(),
                "hub.server.tls.enabled", "true", "hub.server.tls.key-store", keyStore.toString(),
                "hub.demo.enabled", "true", "hub.demo.interval", "PT1S");

        try (HubProcess hub = new HubProcess(dir.resolve("work")).start(props, env)) {
            try {
                await().atMost(BOOT).until(() -> hub.body("/observe/health/ready").startsWith("{\"status\":\"UP\""));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                String log = hub.logText();
                throw new AssertionError("not ready; log tail: " + log.substring(Math.max(0, log.length() - 4000)), e);
            }
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(keyStore,
                    secrets.get("HUB_SERVER_TLS_KEY_STORE_PASSWORD"))).connectTimeout(Duration.ofSeconds(5)).build();
            String base = "https://127.0.0.1:" + hub.port;
            List<String> answers = new ArrayList<>();
            answers.add(send(https, base + "/api/v1/admin/keys", adminKey, 200));
            answers.add(send(https, base + "/api/v1/datasets", wrongKey, 401));
            answers.add(send(https, base + "/api/v1/series?asset=" + adminKey, adminKey, 200));
            answers.add(send(https, base + "/api/v1/openapi.json", null, 200));
            // demo meters publish with the hub's MQTT credentials: wait until their readings are stored
            await().atMost(BOOT).until(() -> hub.body("/observe/metrics").contains("hub_mqtt"));
            for (String p : List.of("/observe/health", "/observe/health/ready", "/observe/health/live", "/observe/metrics")) {
                answers.add(hub.body(p));
            }
            String log = hub.logText();
            assertThat(log).as("TLS came up with the policy").contains("TLS policy applied");
            List<String> all = new ArrayList<>(secrets.entrySet().stream()
                    .filter(e -> !e.getKey().equals("HUB_MQTT_USERNAME")).map(Map.Entry::getValue).toList());
            all.add(adminKey);
            all.add(wrongKey);
            for (String secret : all) {
                assertThat(log).as("log").doesNotContain(secret);
                for (String a : answers) {
                    assertThat(a).as("answers").doesNotContain(secret);
                }
            }
            System.out.printf("S8 figures: %d secrets, %d log bytes and %d answers scanned; 0 found%n", all.size(),
                    log.length(), answers.size());
        }
    }

    private static String send(HttpClient client, String url, String key, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + " " + r.body()).isEqualTo(expected);
        return r.headers().map() + "\n" + r.body();
    }

    private static void keytool(Path keyStore, String password) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "hub", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", password, "-keypass", password)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
    }

    private static SSLContext trusting(Path keyStore, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, password.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
