package de.stadtwerk.hub.process;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Devices of a fault test: publishes sequence-numbered QoS 1 meter readings (sequence n = the reading's time, a second
 * after {@link #BASE} per step, spread over 20 meters) in a thread of its own, optionally at a fixed rate. Each publish
 * waits for the broker's PUBACK and records when it came; a publish that fails (broker away) is sent again until the
 * broker has it, as a device with a local buffer does.
 */
final class SequencePublisher implements AutoCloseable {

    static final Instant BASE = Instant.parse("2026-11-26T09:00:00Z");
    static final int METERS = 20;

    private final String runId;
    private final Mqtt5BlockingClient client;
    /** The first sequence number (0 unless a test publishes a second round). */
    private final int first;
    private final int count;
    private final int perSecond;
    /** Epoch millis of the broker's PUBACK per sequence number (index: sequence number - first), 0 until acknowledged. */
    final AtomicLongArray ackedAt;
    final AtomicInteger published = new AtomicInteger();
    final AtomicInteger retries = new AtomicInteger();
    private final Thread thread;
    private volatile boolean stop;
    private volatile Throwable failure;

    /** @param perSecond 0: as fast as the broker acknowledges */
    SequencePublisher(String brokerUrl, String runId, int count, int perSecond) {
        this(brokerUrl, runId, 0, count, perSecond);
    }

    /** Sequence numbers {@code first} .. {@code first + count - 1}. */
    SequencePublisher(String brokerUrl, String runId, int first, int count, int perSecond) {
        this.runId = runId;
        this.first = first;
        this.count = count;
        this.perSecond = perSecond;
        this.ackedAt = new AtomicLongArray(count);
        URI uri = URI.create(brokerUrl);
        client = MqttClient.builder().useMqttVersion5().identifier(runId + "-devices").serverHost(uri.getHost())
                .serverPort(uri.getPort()).automaticReconnect().initialDelay(100, TimeUnit.MILLISECONDS)
                .maxDelay(500, TimeUnit.MILLISECONDS).applyAutomaticReconnect().buildBlocking();
        client.connect();
        thread = new Thread(this::run, "fault-devices-" + runId);
        thread.setDaemon(true);
    }

    static String topic(String runId, int seq) {
        return runId + "/meters/" + meter(runId, seq) + "/reading";
    }

    static String meter(String runId, int seq) {
        return runId + "-m-" + (seq % METERS);
    }

    static String reading(String runId, int seq) {
        return String.format(Locale.ROOT,
                "{\"meter\":\"%s\",\"ts\":\"%s\",\"obis\":\"1-0:1.8.0\",\"value\":%d.5,\"unit\":\"Wh\"}",
                meter(runId, seq), BASE.plusSeconds(seq), seq);
    }

    /** The mapping of the test readings (config/mqtt-mappings.yaml format), for the hub's hub.mqtt.mappings. */
    static String mapping(String runId) {
        return """
                mappings:
                  - name: fault-meter
                    topic: %s/meters/+/reading
                    asset: "{$.meter}"
                    time: "{$.ts}"
                    values:
                      - obis: "{$.obis}"
                        value: "{$.value}"
                        unit: "{$.unit}"
                """.formatted(runId);
    }

    SequencePublisher start() {
        thread.start();
        return this;
    }

    /** Publishes one reading now, in the caller's thread (a probe outside the sequence range is fine). */
    void publishNow(int seq) {
        client.publishWith().topic(topic(runId, seq)).qos(MqttQos.AT_LEAST_ONCE)
                .payload(reading(runId, seq).getBytes(StandardCharsets.UTF_8)).send();
    }

    private void run() {
        long startNanos = System.nanoTime();
        try {
            for (int i = 0; i < count && !stop; i++) {
                int seq = first + i;
                if (perSecond > 0) {
                    long due = startNanos + i * 1_000_000_000L / perSecond;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait); // pacing the load, not waiting for a result
                    }
                }
                byte[] payload = reading(runId, seq).getBytes(StandardCharsets.UTF_8);
                while (true) {
                    try {
                        client.publishWith().topic(topic(runId, seq)).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
                        break;
                    } catch (RuntimeException e) {
                        if (stop) {
                            return;
                        }
                        retries.incrementAndGet();
                        TimeUnit.MILLISECONDS.sleep(50); // back-off while the broker is away
                    }
                }
                ackedAt.set(i, System.currentTimeMillis());
                published.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
        }
    }

    /** Waits until every reading was acknowledged by the broker (or the publisher failed). */
    boolean await(long millis) throws InterruptedException {
        thread.join(millis);
        if (failure != null) {
            throw new IllegalStateException("publisher failed: " + failure, failure);
        }
        return !thread.isAlive();
    }

    @Override
    public void close() {
        stop = true;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            client.disconnect();
        } catch (RuntimeException ignored) {
            // already gone
        }
    }
}
