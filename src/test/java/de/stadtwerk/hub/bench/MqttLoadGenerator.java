package de.stadtwerk.hub.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Load generator (several connections, {@code -Dbench.publishers}, default 4): smart-meter readings in the default shape ({@code <prefix>/meters/<meter>/reading}, OBIS
 * 1-0:1.8.0, Wh) from N meters, QoS 1, at full speed (a window of unacknowledged publishes) or at a fixed rate.
 * The reading's {@code ts} is the publish time (microseconds, unique per meter), so the hub's
 * {@code hub_mqtt_reading_age_at_commit} metric is the publish-to-commit latency.
 */
final class MqttLoadGenerator implements AutoCloseable {

    private final Mqtt5AsyncClient[] clients;
    private final String prefix;
    private final int meters;
    private final long[] lastMicros;
    private final double[] registers;
    private final AtomicLong failed = new AtomicLong();

    MqttLoadGenerator(String brokerUrl, String clientId, String prefix, int meters) {
        URI uri = URI.create(brokerUrl);
        // several connections: a broker grants each publisher only a small window (Mosquitto: max_inflight_messages)
        this.clients = new Mqtt5AsyncClient[Integer.getInteger("bench.publishers", 4)];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = MqttClient.builder().useMqttVersion5().identifier(clientId + "-" + i).serverHost(uri.getHost())
                    .serverPort(uri.getPort()).buildAsync();
            clients[i].connectWith().cleanStart(true).send().join();
        }
        this.prefix = prefix;
        this.meters = meters;
        this.lastMicros = new long[meters];
        this.registers = new double[meters];
        for (int i = 0; i < meters; i++) {
            registers[i] = 1_000_000 + i * 1000.5;
        }
    }

    long failed() {
        return failed.get();
    }

    /**
     * Publishes {@code count} readings; {@code rate} messages/s, or 0 for full speed. Returns after the broker
     * acknowledged all of them.
     */
    void publish(long count, double rate, int window) throws InterruptedException {
        Semaphore inFlight = new Semaphore(window);
        long t0 = System.nanoTime();
        for (long i = 0; i < count; i++) {
            if (rate > 0) {
                long due = t0 + (long) (i * 1e9 / rate);
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            inFlight.acquire();
            int m = (int) (i % meters);
            String meter = String.format(Locale.ROOT, "m-%05d", m);
            long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
            if (micros <= lastMicros[m]) {
                micros = lastMicros[m] + 1;
            }
            lastMicros[m] = micros;
            registers[m] += 1.25;
            String body = "{\"meter\":\"" + meter + "\",\"ts\":\""
                    + Instant.EPOCH.plus(micros, ChronoUnit.MICROS) + "\",\"obis\":\"1-0:1.8.0\",\"value\":"
                    + String.format(Locale.ROOT, "%.3f", registers[m]) + ",\"unit\":\"Wh\"}";
            clients[(int) (i % clients.length)].publishWith().topic(prefix + "/meters/" + meter + "/reading").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(body.getBytes(StandardCharsets.UTF_8)).send()
                    .whenComplete((r, e) -> {
                        if (e != null || r.getError().isPresent()) {
                            failed.incrementAndGet();
                        }
                        inFlight.release();
                    });
        }
        if (!inFlight.tryAcquire(window, 120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("broker did not acknowledge all publishes within 120 s");
        }
    }

    @Override
    public void close() {
        for (Mqtt5AsyncClient c : clients) {
            c.disconnect().join();
        }
    }
}
