package de.stadtwerk.hub.field.mqtt;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.LockSupport;

/**
 * An output stream that merges flushes that come close together. Paho MQTT 5 1.2.5 writes and flushes every packet
 * on its own, so each PUBACK the hub sends after a commit is a system call and a TCP segment of 4 bytes: at tens of
 * thousands of messages per second a good part of the client's and the broker's CPU.
 *
 * <p>A flush goes to the socket at once when the previous one is at least {@code linger} ago (a lone packet, such as a
 * PINGREQ or the acks of a small batch, is not delayed). A flush that comes sooner is left to a flusher thread, which
 * sends everything buffered by then when the linger has passed: a burst of acks leaves in a few segments, at most
 * {@code linger} later. An error of that background flush is thrown by the next write or flush, so the client
 * sees the broken connection as it would have.
 */
final class CoalescingOutputStream extends OutputStream {

    private final OutputStream target;
    private final long lingerNanos;
    private final Thread flusher;
    private byte[] buffer = new byte[8192];
    private int count;
    private long lastFlushNanos = System.nanoTime() - Long.MAX_VALUE / 4;
    private boolean pending;
    private volatile boolean closed;
    private IOException failure;

    CoalescingOutputStream(OutputStream target, long lingerNanos, String name) {
        this.target = target;
        this.lingerNanos = lingerNanos;
        this.flusher = new Thread(this::flushLater, name);
        flusher.setDaemon(true);
        flusher.start();
    }

    @Override
    public synchronized void write(int b) throws IOException {
        ensureOpen();
        room(1);
        buffer[count++] = (byte) b;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        room(len);
        System.arraycopy(b, off, buffer, count, len);
        count += len;
    }

    @Override
    public void flush() throws IOException {
        boolean wake;
        synchronized (this) {
            ensureOpen();
            if (count == 0) {
                return;
            }
            if (System.nanoTime() - lastFlushNanos >= lingerNanos) {
                flushNow();
                return;
            }
            wake = !pending;
            pending = true;
        }
        if (wake) {
            LockSupport.unpark(flusher);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            synchronized (this) {
                if (!closed && failure == null && count > 0) {
                    flushNow();
                }
            }
        } finally {
            stop();
            target.close();
        }
    }

    /**
     * Ends the flusher thread without taking the lock: a write blocked on a full socket holds it, and the socket's
     * close (which calls this) is what unblocks that write.
     */
    void stop() {
        closed = true;
        LockSupport.unpark(flusher);
    }

    private void flushLater() {
        while (true) {
            long wait;
            synchronized (this) {
                if (closed) {
                    return;
                }
                wait = pending ? lastFlushNanos + lingerNanos - System.nanoTime() : Long.MAX_VALUE;
                if (pending && wait <= 0) {
                    pending = false;
                    try {
                        flushNow();
                    } catch (IOException e) {
                        failure = e;
                    }
                    continue;
                }
            }
            if (wait == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, wait);
            }
        }
    }

    /** Under the lock. */
    private void flushNow() throws IOException {
        if (count > 0) {
            target.write(buffer, 0, count);
            count = 0;
        }
        target.flush();
        lastFlushNanos = System.nanoTime();
    }

    private void ensureOpen() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            throw new IOException("stream closed");
        }
    }

    private void room(int len) {
        if (count + len > buffer.length) {
            byte[] bigger = new byte[Math.max(buffer.length * 2, count + len)];
            System.arraycopy(buffer, 0, bigger, 0, count);
            buffer = bigger;
        }
    }
}
