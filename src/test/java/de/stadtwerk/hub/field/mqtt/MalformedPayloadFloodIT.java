package de.stadtwerk.hub.field.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.stadtwerk.hub.embedded.EmbeddedMqttBroker;
import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.quarantine.QuarantinedItem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * B1: 1,000 malformed MQTT payloads of 17 kinds (not JSON, wrong types, missing fields, NaN/Infinity, 1e309,
 * 1 MB strings, invalid UTF-8, 10,000-level nesting, top-level null, unknown OBIS code and unit, times
 * without offset or as numbers, empty) interleaved one by one with 1,000 valid readings, against the embedded
 * broker and the real route files: every bad one is quarantined with a reason that names the problem, every valid
 * one is stored once, and the subscription and the context stay up. Prints the wall-clock figures for
 * docs/reliability.md (no timing assertion).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedPayloadFloodIT {

    static final int BAD = 1000;
    /** Valid readings per second in both phases (B1: their p99 among bad ones is compared with the baseline's). */
    static final int RATE = 100;
    static final Duration WAIT = Duration.ofSeconds(180);
    TestHub hub;

    @BeforeAll
    void start() {
        hub = new TestHub().set("hub.embedded.mqtt.enabled", "true").set("hub.embedded.mqtt.port", "0")
                .set("hub.embedded.mqtt.persistence", "in-memory").start();
        await().atMost(WAIT).until(() -> hub.context().getRoute("field-meters-mqtt").getConsumer()
                instanceof MqttIngestConsumer c && c.connectionCount() > 0 && c.connectedCount() == c.connectionCount());
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    private static String json(String meter, String ts, String obis, String value, String unit) {
        return "{\"meter\":\"" + meter + "\",\"ts\":" + ts + ",\"obis\":\"" + obis + "\",\"value\":" + value
                + ",\"unit\":\"" + unit + "\"}";
    }

    /** The kinds of bad payload, each with the text its quarantine reason must contain. */
    private Map<String, IntFunction<byte[]>> kinds(String m) {
        String ts = "\"2026-11-26T10:15:00+01:00\"";
        Map<String, IntFunction<byte[]>> k = new LinkedHashMap<>();
        k.put("payload is not JSON: Unrecognized token 'meter'", i -> ("meter " + i + " 12.5 Wh").getBytes(StandardCharsets.UTF_8));
        k.put("must be a JSON number", i -> json(m, ts, "1.8.0", "\"12,5\"", "Wh").getBytes(StandardCharsets.UTF_8));
        k.put("(value) must be a JSON number", i -> json(m, ts, "1.8.0", "true", "Wh").getBytes(StandardCharsets.UTF_8));
        k.put("missing field $.value", i -> ("{\"meter\":\"" + m + "\",\"ts\":" + ts + ",\"obis\":\"1.8.0\",\"unit\":\"Wh\"}")
                .getBytes(StandardCharsets.UTF_8));
        k.put("missing field $.ts", i -> ("{\"meter\":\"" + m + "\",\"obis\":\"1.8.0\",\"value\":" + i + ",\"unit\":\"Wh\"}")
                .getBytes(StandardCharsets.UTF_8));
        k.put("Non-standard token 'NaN'", i -> json(m, ts, "1.8.0", "NaN", "Wh").getBytes(StandardCharsets.UTF_8));
        k.put("Non-standard token '-Infinity'", i -> json(m, ts, "1.8.0", "-Infinity", "Wh").getBytes(StandardCharsets.UTF_8));
        k.put("not a finite number", i -> json(m, ts, "1.8.0", "1e309", "Wh").getBytes(StandardCharsets.UTF_8));
        k.put("payload is not valid UTF-8 text", i -> new byte[] {'{', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) i});
        k.put("payload is not JSON: Document nesting depth", i -> ("[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.UTF_8));
        k.put("payload is empty, expected JSON", i -> new byte[0]);
        k.put("missing field $.meter", i -> "null".getBytes(StandardCharsets.UTF_8));
        k.put("unknown OBIS code '1-0:99.8.", i -> json(m, ts, "1-0:99.8." + i, "1", "Wh").getBytes(StandardCharsets.UTF_8));
        k.put("unknown unit 'parsec'", i -> json(m, ts, "1.8.0", "1", "parsec").getBytes(StandardCharsets.UTF_8));
        k.put("time '2026-11-26T10:15:00' is not an ISO-8601 time with offset", i -> json(m, "\"2026-11-26T10:15:00\"", "1.8.0", "1", "Wh")
                .getBytes(StandardCharsets.UTF_8));
        k.put("time '1764150900' is not an ISO-8601 time with offset", i -> json(m, "1764150900", "1.8.0", "1", "Wh").getBytes(StandardCharsets.UTF_8));
        k.put("field assetId 'xxx", i -> json("x".repeat(1 << 20), ts, "1.8.0", "1", "Wh").getBytes(StandardCharsets.UTF_8));
        return k;
    }

    /** Valid readings go out at a fixed rate ({@link #RATE} per second) in both phases, so their lags compare. */
    private static void pace(long t0, int i) {
        long due = t0 + i * 1_000_000_000L / RATE;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    @Test
    void everyMalformedPayloadIsQuarantinedWithItsReasonAndEveryValidOneIsStored() {
        String broker = hub.bean("embeddedMqttBroker", EmbeddedMqttBroker.class).url();
        // baseline: 200 valid readings alone
        String base = hub.runId + "-base";
        long t0 = System.nanoTime();
        try (TestPublisher device = new TestPublisher(broker, hub.runId + "-baseline")) {
            for (int n = 0; n < 200; n++) {
                pace(t0, n);
                device.publish(hub.topic(base), TestPublisher.readingNow(base, n));
            }
        }
        await().atMost(WAIT).until(() -> hub.storedRows() == 200);
        double baselineMs = (System.nanoTime() - t0) / 1e6;

        String m = hub.runId + "-m";
        List<Map.Entry<String, IntFunction<byte[]>>> kinds = new ArrayList<>(kinds(m).entrySet());
        Map<String, Integer> sent = new LinkedHashMap<>();
        long t1 = System.nanoTime();
        try (TestPublisher device = new TestPublisher(broker, hub.runId + "-device")) {
            for (int i = 0; i < BAD; i++) {
                // the 1 MB kind every 50th message only (20 MB in all); the others in turn
                pace(t1, i); // valid readings at the baseline's rate, each after a bad one
                var kind = i % 50 == 49 ? kinds.get(kinds.size() - 1) : kinds.get(i % (kinds.size() - 1));
                sent.merge(kind.getKey(), 1, Integer::sum);
                device.publish(hub.topic(m), kind.getValue().apply(i));
                device.publish(hub.topic(m), TestPublisher.readingNow(m, i));
            }
        }
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(hub.storedRows()).isEqualTo(200 + BAD);
            assertThat(hub.quarantined()).isEqualTo(BAD);
        });
        double mixedMs = (System.nanoTime() - t1) / 1e6;
        assertThat(hub.distinctKeys()).isEqualTo(200 + BAD);

        List<QuarantinedItem> items = hub.bean("quarantineStore", QuarantineStore.class).list(null, 2 * BAD).stream()
                .filter(q -> q.payload().contains(hub.topic(m))).toList();
        assertThat(items).hasSize(BAD).allSatisfy(q -> assertThat(q.reason()).isNotBlank().hasSizeLessThan(2000));
        Map<String, Long> matched = new LinkedHashMap<>();
        for (String expected : sent.keySet()) {
            long n = items.stream().filter(q -> q.reason().contains(expected)).count();
            matched.put(expected, n);
        }
        // publish -> pipeline lag of the valid readings (their time is their publish time): alone and among bad ones
        double[] alone = hub.lagMillis(base);
        double[] mixed = hub.lagMillis(m);
        System.out.printf("B1 figures: baseline 200 valid stored in %.0f ms (%.1f/s); mixed %d bad + %d valid stored/"
                + "quarantined in %.0f ms (%.1f msg/s); publish->pipeline lag of valid readings p50/p99: alone %.1f/%.1f ms,"
                + " among bad ones %.1f/%.1f ms (ratio of p99 %.2f); per kind %s; reasons %s%n", baselineMs,
                200_000 / baselineMs, BAD, BAD, mixedMs, 2000_000 / mixedMs, percentile(alone, 0.5), percentile(alone, 0.99),
                percentile(mixed, 0.5), percentile(mixed, 0.99), percentile(mixed, 0.99) / percentile(alone, 0.99), sent,
                matched);
        assertThat(alone).hasSize(200);
        assertThat(mixed).hasSize(BAD);
        Map<String, Long> byReason = new java.util.TreeMap<>();
        items.forEach(q -> byReason.merge(q.reason().replaceAll("[0-9]+", "#").replaceAll("x{20,}", "x…")
                .substring(0, Math.min(110, q.reason().replaceAll("[0-9]+", "#").replaceAll("x{20,}", "x…").length())), 1L, Long::sum));
        byReason.forEach((r, n) -> System.out.println("B1 reason " + n + " x " + r));
        sent.forEach((kind, count) -> assertThat(matched.get(kind)).as("quarantined as '" + kind + "'")
                .isGreaterThanOrEqualTo(count));
        assertThat(hub.context().getStatus()).isEqualTo(ServiceStatus.Started);
        assertThat(hub.context().getRouteController().getRouteStatus("field-meters-mqtt")).isEqualTo(ServiceStatus.Started);
        assertThat(hub.context().getRoute("field-meters-mqtt").getConsumer() instanceof MqttIngestConsumer c
                && c.connectedCount() == c.connectionCount()).as("subscription alive").isTrue();
    }
}
