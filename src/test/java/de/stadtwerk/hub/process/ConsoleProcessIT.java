package de.stadtwerk.hub.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console of the hub as a user runs it (the jar, embedded defaults with the demo devices): the page on the
 * business port, not on the management port; the API with the bootstrapped admin key; the MQTT route counting the
 * demo devices' messages and the meters source fresh.
 */
class ConsoleProcessIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static HttpResponse<String> get(int port, String path, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theConsoleRunsOnTheBusinessPortWithTheAdminKeyAndSeesTheDemoMeters() throws Exception {
        Path data = dir.resolve("data");
        Path keyFile = data.resolve("initial-admin-key.txt");
        try (HubProcess hub = new HubProcess(dir.resolve("work")).start(Map.of("hub.data.dir", data.toString(),
                "hub.demo.interval", "PT1S"), Map.of())) {
            await().atMost(Duration.ofSeconds(90)).until(() -> hub.body("/observe/health/ready").startsWith("{\"status\":\"UP\""));
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(keyFile));
            String key = Files.readAllLines(keyFile).stream().filter(l -> l.startsWith("swh_")).findFirst().orElseThrow();

            HttpResponse<String> page = get(hub.port, "/console", null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("operator console");
            assertThat(hub.get(hub.managementPort, "/console").statusCode()).as("not on the management port").isEqualTo(404);
            assertThat(get(hub.port, "/console/api/routes", null).statusCode()).isEqualTo(401);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                HttpResponse<String> r = get(hub.port, "/console/api/routes", key);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode mqtt = null;
                for (JsonNode n : JSON.readTree(r.body()).path("routes")) {
                    if (n.path("id").asText().equals("field-meters-mqtt")) {
                        mqtt = n;
                    }
                }
                assertThat(mqtt).as("route field-meters-mqtt listed").isNotNull();
                assertThat(mqtt.path("state").asText()).isEqualTo("Started");
                assertThat(mqtt.path("exchangesTotal").asLong()).as("demo messages counted").isPositive();

                JsonNode sources = JSON.readTree(get(hub.port, "/console/api/sources", key).body()).path("sources");
                JsonNode meters = null;
                for (JsonNode n : sources) {
                    if (n.path("name").asText().equals("meters-mqtt")) {
                        meters = n;
                    }
                }
                assertThat(meters).isNotNull();
                assertThat(meters.path("status").asText()).isEqualTo("OK");
            });
            assertThat(hub.logText()).doesNotContain(key);
        }
    }
}
