package de.stadtwerk.hub.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RELIABILITY F4: PostgreSQL stopped ({@code pg_ctl stop -m immediate}) under a steady MQTT load. The hub's store is
 * a PostgreSQL of the test's own ({@link PrivatePostgres}), never the machine's shared one. Checked: readiness DOWN
 * within 10 s; no MQTT acknowledgement while nothing can be committed (the committed-and-acknowledged counter stands
 * still); after the restart READY within 30 s and every reading stored once; the heap stays below a cap (read from
 * /observe/metrics). Default: 200 readings/s with a 10 s outage; -Dreliability.long=true: the catalogue's 30 s.
 */
class PostgresOutageIT {

    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final int RATE = 200;
    /** The hub runs with -Xmx256m (HubProcess); the heap in use must stay below this. */
    private static final long HEAP_CAP = 200L * 1024 * 1024;
    private static final String STORE_DOWN = "\"name\":\"store\",\"status\":\"DOWN\"";

    @TempDir
    Path dir;

    private final String runId = "f" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @Test
    void f4PostgresStoppedUnderLoadReadinessFollowsAndNothingIsLost() throws Exception {
        int outageSeconds = ReliabilityFigures.pick(10, 30);
        int n = RATE * (8 + outageSeconds + 8);
        ReliabilityFigures fig = new ReliabilityFigures("F4", "PostgreSQL stopped (pg_ctl stop -m immediate) under MQTT load");
        try (PrivatePostgres pg = new PrivatePostgres().start();
             PrivateMosquitto broker = new PrivateMosquitto(dir.resolve("broker")).start();
             SequencePublisher devices = new SequencePublisher(broker.url(), runId, n, RATE)) {
            Path work = dir.resolve("work");
            Files.createDirectories(work);
            Path mappings = work.resolve("fault-mappings.yaml");
            Files.writeString(mappings, SequencePublisher.mapping(runId));
            Map<String, String> p = new HashMap<>();
            p.put("hub.db.url", pg.url());
            p.put("hub.db.user", "postgres");
            p.put("hub.data.dir", dir.resolve("data").toString());
            p.put("hub.opendata.run-at-start", "false");
            p.put("hub.energiewetter.mqtt.enabled", "false");
            p.put("hub.demo.enabled", "false");
            p.put("hub.embedded.mqtt.enabled", "false");
            p.put("hub.mqtt.broker-url", broker.url());
            p.put("hub.mqtt.client-id", runId + "-hub");
            p.put("hub.mqtt.mappings", mappings.toString());
            try (HubProcess hub = new HubProcess(work).start(p, Map.of())) {
                await().atMost(BOOT).pollInterval(Duration.ofMillis(200)).until(() -> ready(hub));
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
                    devices.publishNow(n);
                    return StoredSequence.has(pg.url(), "postgres", runId, n);
                });
                devices.start();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> stored(pg, n).count() >= RATE * 5);
                long heapMax = heap(hub);

                long stopped = System.nanoTime();
                pg.stopImmediately();
                // DOWN because of the store (the answer names it; the store check waits up to the pool's 5 s
                // connection timeout before it answers, so the request may take that long)
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> hub.body("/observe/health/ready", Duration.ofSeconds(20)).contains(STORE_DOWN));
                long downMs = (System.nanoTime() - stopped) / 1_000_000;
                // the outage itself: nothing committed means nothing acknowledged; the counter must stand still
                double committedAtStart = hub.metric("hub_mqtt_messages_committed_total");
                double committedNow = committedAtStart;
                long end = stopped + TimeUnit.SECONDS.toNanos(outageSeconds);
                while (System.nanoTime() < end) {
                    TimeUnit.MILLISECONDS.sleep(500); // the outage lasts this long (the scenario, not a check)
                    committedNow = Math.max(committedNow, hub.metric("hub_mqtt_messages_committed_total"));
                    heapMax = Math.max(heapMax, heap(hub));
                }
                int publishedDuringOutage = devices.published.get();
                long restarted = System.nanoTime();
                pg.start();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> ready(hub));
                long readyMs = (System.nanoTime() - restarted) / 1_000_000;
                assertThat(devices.await(TimeUnit.SECONDS.toMillis(120))).isTrue();
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> stored(pg, n).count() == n);
                long allMs = (System.nanoTime() - restarted) / 1_000_000;
                heapMax = Math.max(heapMax, heap(hub));
                StoredSequence s = stored(pg, n);
                fig.put("load", n + " readings QoS 1 at " + RATE + "/s, database down " + outageSeconds + " s")
                        .put("readinessDownMs", downMs).put("readyAfterRestartMs", readyMs)
                        .put("acknowledgedDuringOutage", (long) (committedNow - committedAtStart))
                        .put("publishedByThen", publishedDuringOutage)
                        .put("lost", s.lost()).put("doubled", s.doubled).put("heapMaxMiB", heapMax / (1024 * 1024))
                        .put("recoveryMs", allMs).put("recovery", "database back to all readings stored")
                        .put("readyFlag", "ready " + readyMs + " ms after the database was back").write();
                assertThat(downMs).as("readiness DOWN within 10 s").isLessThan(10_000);
                assertThat(committedNow - committedAtStart).as("no MQTT acknowledgement while the store is down").isZero();
                assertThat(readyMs).as("READY within 30 s of the database's return").isLessThan(30_000);
                assertThat(s.lost()).as("lost, e.g. " + s.missing(10)).isZero();
                assertThat(s.doubled).isZero();
                assertThat(heapMax).as("heap in use (jvm_memory_used_bytes, heap)").isPositive().isLessThan(HEAP_CAP);
            }
        }
    }

    private StoredSequence stored(PrivatePostgres pg, int n) {
        return StoredSequence.read(pg.url(), "postgres", runId, n);
    }

    private static boolean ready(HubProcess hub) {
        return hub.body("/observe/health/ready").startsWith("{\"status\":\"UP\"");
    }

    /** Heap in use now: jvm_memory_used_bytes summed over the heap pools. */
    private static long heap(HubProcess hub) {
        long sum = 0;
        for (String line : hub.body("/observe/metrics").split("\\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
