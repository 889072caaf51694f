package de.stadtwerk.hub.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The broker's limit: a plain QoS 1 subscriber that acknowledges every message at once and only counts, written
 * straight to the socket ({@link MqttWire}) so that it takes as little CPU as it can.
 */
final class CountingSubscriber implements AutoCloseable {

    private final MqttWire.Connected connection;
    private final Thread reader;
    final AtomicLong count = new AtomicLong();
    volatile long firstNanos;
    volatile long lastNanos;
    private volatile boolean closing;

    CountingSubscriber(String brokerUrl, String clientId, String filter) {
        try {
            connection = MqttWire.connect(brokerUrl, clientId, 65_535);
            OutputStream out = connection.socket().getOutputStream();
            out.write(MqttWire.subscribe(1, filter));
            out.flush();
            MqttWire.Packet suback = MqttWire.read(connection.in());
            if (suback.type() != MqttWire.SUBACK || (suback.body()[suback.body().length - 1] & 0xff) >= 0x80) {
                throw new IOException("subscription to " + filter + " refused");
            }
        } catch (IOException e) {
            throw new IllegalStateException("counting subscriber: " + e.getMessage(), e);
        }
        reader = new Thread(this::readPublishes, clientId);
        reader.setDaemon(true);
        reader.start();
    }

    private void readPublishes() {
        ByteArrayOutputStream acks = new ByteArrayOutputStream(1 << 16);
        try {
            OutputStream out = connection.socket().getOutputStream();
            while (true) {
                MqttWire.Packet p = MqttWire.read(connection.in());
                if (p.type() != MqttWire.PUBLISH) {
                    continue;
                }
                long now = System.nanoTime();
                if (count.getAndIncrement() == 0) {
                    firstNanos = now;
                }
                lastNanos = now;
                if ((p.flags() & 0x06) != 0) {
                    MqttWire.writePuback(acks, MqttWire.publishPacketId(p.body()));
                }
                if (connection.in().available() == 0 || acks.size() > 60_000) {
                    acks.writeTo(out);
                    acks.reset();
                    out.flush();
                }
            }
        } catch (IOException e) {
            if (!closing) {
                System.out.println("counting subscriber: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            connection.socket().getOutputStream().write(MqttWire.disconnect());
            connection.socket().close();
        } catch (IOException e) {
            System.out.println("counting subscriber: closing: " + e.getMessage());
        }
    }
}
