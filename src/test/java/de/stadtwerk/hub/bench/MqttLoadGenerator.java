package de.stadtwerk.hub.bench;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Load generator: smart-meter readings in the default shape ({@code <prefix>/meters/<meter>/reading}, OBIS
 * 1-0:1.8.0, Wh) from N meters, QoS 1, at full speed (a window of unacknowledged publishes) or at a fixed rate, over
 * several connections ({@code -Dbench.publishers}, default 4: a broker grants each publisher only a small window,
 * Mosquitto's {@code max_inflight_messages}, 20 by default). The reading's {@code ts} is the publish time
 * (microseconds, unique per meter), so the hub's {@code hub_mqtt_reading_age_at_commit} metric is the
 * publish-to-commit latency. Packets are written straight to the sockets ({@link MqttWire}) so that the generator
 * takes as little of the machine's CPU as it can.
 */
final class MqttLoadGenerator implements AutoCloseable {

    /** One publishing connection: its socket, its window and the thread that reads the PUBACKs. */
    private final class Publisher {
        final MqttWire.Connected connection;
        final OutputStream out;
        final Semaphore window;
        final int windowSize;
        final Thread reader;
        final ByteArrayOutputStream packet = new ByteArrayOutputStream(256);
        int nextPacketId = 1;
        volatile boolean closing;

        Publisher(String brokerUrl, String clientId, int window) throws IOException {
            connection = MqttWire.connect(brokerUrl, clientId, 65_535);
            out = new java.io.BufferedOutputStream(connection.socket().getOutputStream(), 1 << 16);
            windowSize = Math.max(1, Math.min(window, connection.receiveMaximum()));
            this.window = new Semaphore(windowSize);
            reader = new Thread(this::readAcks, clientId + "-acks");
            reader.setDaemon(true);
            reader.start();
        }

        void send(byte[] topic, Payload payload, boolean flushNow) throws IOException, InterruptedException {
            if (!window.tryAcquire()) {
                out.flush(); // the window is full: what is buffered must go out before acks can come back
                window.acquire();
            }
            packet.reset();
            MqttWire.writePublish(packet, topic, nextPacketId, payload.bytes, payload.length);
            nextPacketId = nextPacketId == 65_535 ? 1 : nextPacketId + 1;
            packet.writeTo(out);
            if (flushNow) {
                out.flush();
            }
        }

        private void readAcks() {
            try {
                while (true) {
                    MqttWire.Packet p = MqttWire.read(connection.in());
                    if (p.type() == MqttWire.PUBACK) {
                        if (!MqttWire.pubackSucceeded(p.body())) {
                            failed.incrementAndGet();
                        }
                        window.release();
                    } else if (p.type() == MqttWire.DISCONNECT) {
                        System.out.println("generator: the broker disconnected " + reader.getName());
                        return;
                    }
                }
            } catch (EOFException | SocketException e) {
                if (!closing) {
                    System.out.println("generator: connection lost: " + e.getMessage());
                }
            } catch (IOException e) {
                System.out.println("generator: " + e.getMessage());
            }
        }

        void awaitAcks() throws IOException, InterruptedException {
            out.flush();
            if (!window.tryAcquire(windowSize, 120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("broker did not acknowledge all publishes within 120 s");
            }
            window.release(windowSize);
        }

        void close() throws IOException {
            closing = true;
            out.write(MqttWire.disconnect());
            out.flush();
            connection.socket().close();
        }
    }

    private final Publisher[] publishers;
    private final byte[][] meterTopics;
    private final String[] meterNames;
    private final long[] lastMicros;
    private final long[] registersMilli;
    private final AtomicLong failed = new AtomicLong();
    private final String brokerUrl;
    private final String clientId;

    MqttLoadGenerator(String brokerUrl, String clientId, String prefix, int meters) {
        this.brokerUrl = brokerUrl;
        this.clientId = clientId;
        this.publishers = new Publisher[Integer.getInteger("bench.publishers", 4)];
        this.meterTopics = new byte[meters][];
        this.meterNames = new String[meters];
        this.lastMicros = new long[meters];
        this.registersMilli = new long[meters];
        for (int i = 0; i < meters; i++) {
            meterNames[i] = "m-" + String.format(java.util.Locale.ROOT, "%05d", i);
            meterTopics[i] = (prefix + "/meters/" + meterNames[i] + "/reading").getBytes(StandardCharsets.UTF_8);
            registersMilli[i] = 1_000_000_000L + i * 1_000_500L;
        }
    }

    long failed() {
        return failed.get();
    }

    /**
     * Publishes {@code count} readings; {@code rate} messages/s, or 0 for full speed; at most {@code window}
     * unacknowledged in all (shared out over the connections, each within the broker's Receive Maximum). Returns
     * after the broker acknowledged all of them.
     */
    void publish(long count, double rate, int window) throws InterruptedException {
        try {
            for (int i = 0; i < publishers.length; i++) {
                if (publishers[i] == null) {
                    publishers[i] = new Publisher(brokerUrl, clientId + "-" + i, Math.max(1, window / publishers.length));
                }
            }
            Payload body = new Payload();
            long t0 = System.nanoTime();
            for (long i = 0; i < count; i++) {
                if (rate > 0) {
                    long due = t0 + (long) (i * 1e9 / rate);
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                int m = (int) (i % meterNames.length);
                long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
                if (micros <= lastMicros[m]) {
                    micros = lastMicros[m] + 1;
                }
                lastMicros[m] = micros;
                registersMilli[m] += 1_250;
                body.reading(meterNames[m], micros, registersMilli[m]);
                publishers[(int) (i % publishers.length)].send(meterTopics[m], body, rate > 0);
            }
            for (Publisher p : publishers) {
                p.awaitAcks();
            }
        } catch (IOException e) {
            throw new IllegalStateException("publishing to " + brokerUrl + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The JSON of one reading, written as ASCII into a reused buffer: {@code {"meter":"m-00042",
     * "ts":"2026-11-26T09:15:00.123456Z","obis":"1-0:1.8.0","value":1000001.250,"unit":"Wh"}}. The date and time up
     * to the second is formatted once per second.
     */
    static final class Payload {
        final byte[] bytes = new byte[256];
        int length;
        private long second = Long.MIN_VALUE;
        private byte[] secondText;

        void reading(String meter, long epochMicros, long valueMilli) {
            length = 0;
            ascii("{\"meter\":\"");
            ascii(meter);
            ascii("\",\"ts\":\"");
            long s = Math.floorDiv(epochMicros, 1_000_000L);
            if (s != second) {
                second = s;
                secondText = Instant.ofEpochSecond(s).toString().replace("Z", ".").getBytes(StandardCharsets.US_ASCII);
            }
            System.arraycopy(secondText, 0, bytes, length, secondText.length);
            length += secondText.length;
            digits(Math.floorMod(epochMicros, 1_000_000L), 6);
            ascii("Z\",\"obis\":\"1-0:1.8.0\",\"value\":");
            ascii(Long.toString(valueMilli / 1000));
            bytes[length++] = '.';
            digits(valueMilli % 1000, 3);
            ascii(",\"unit\":\"Wh\"}");
        }

        private void digits(long value, int width) {
            for (int i = width - 1; i >= 0; i--) {
                bytes[length + i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            length += width;
        }

        private void ascii(String s) {
            for (int i = 0; i < s.length(); i++) {
                bytes[length++] = (byte) s.charAt(i);
            }
        }

        @Override
        public String toString() {
            return new String(bytes, 0, length, StandardCharsets.US_ASCII);
        }
    }

    @Override
    public void close() {
        for (Publisher p : publishers) {
            if (p != null) {
                try {
                    p.close();
                } catch (IOException e) {
                    System.out.println("generator: closing: " + e.getMessage());
                }
            }
        }
    }
}
