package de.stadtwerk.hub.field.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Flushes close together are merged, nothing is lost or reordered, and an error of a background flush surfaces. */
class CoalescingOutputStreamTest {

    /** The socket stand-in: records what reached it and how many writes it took. */
    static final class Recording extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;
        volatile IOException fail;

        @Override
        public synchronized void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (fail != null) {
                throw fail;
            }
            bytes.write(b, off, len);
            writes++;
        }

        synchronized byte[] received() {
            return bytes.toByteArray();
        }
    }

    @Test
    void aBurstOfFlushedPacketsArrivesCompleteInOrderInFewerWrites() throws Exception {
        Recording socket = new Recording();
        // a long linger: every flush after the first within the burst is left to the flusher
        CoalescingOutputStream out = new CoalescingOutputStream(socket, TimeUnit.MILLISECONDS.toNanos(50), "test-flush");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 1000; i++) {
            byte[] puback = {0x40, 0x02, (byte) (i >> 8), (byte) i};
            out.write(puback);
            out.flush();
            expected.write(puback);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (socket.received().length < expected.size() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertArrayEquals(expected.toByteArray(), socket.received());
        assertTrue(socket.writes < 100, "1,000 flushes within the linger took " + socket.writes + " socket writes");
        out.close();
    }

    @Test
    void aLoneFlushGoesOutAtOnce() throws Exception {
        Recording socket = new Recording();
        CoalescingOutputStream out = new CoalescingOutputStream(socket, TimeUnit.SECONDS.toNanos(60), "test-flush");
        out.write(new byte[] {(byte) 0xC0, 0}); // PINGREQ
        out.flush();
        assertArrayEquals(new byte[] {(byte) 0xC0, 0}, socket.received(), "the first flush is not held back");
        out.close();
    }

    @Test
    void anErrorOfTheBackgroundFlushIsThrownByTheNextWrite() throws Exception {
        Recording socket = new Recording();
        CoalescingOutputStream out = new CoalescingOutputStream(socket, TimeUnit.MILLISECONDS.toNanos(20), "test-flush");
        out.write(1);
        out.flush(); // at once
        socket.fail = new IOException("Broken pipe");
        out.write(2);
        out.flush(); // within the linger: left to the flusher, which fails
        IOException thrown = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thrown == null && System.nanoTime() < deadline) {
            Thread.sleep(5);
            try {
                out.write(3);
            } catch (IOException e) {
                thrown = e;
            }
        }
        assertEquals("Broken pipe", thrown == null ? null : thrown.getMessage());
        assertThrows(IOException.class, out::flush);
    }

    @Test
    void closeSendsWhatIsBufferedAndEndsTheFlusher() throws Exception {
        Recording socket = new Recording();
        CoalescingOutputStream out = new CoalescingOutputStream(socket, TimeUnit.SECONDS.toNanos(60), "test-flush-close");
        out.write(1);
        out.flush();
        out.write(2);
        out.flush(); // held back (linger 60 s)
        out.close();
        assertArrayEquals(new byte[] {1, 2}, socket.received());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("test-flush-close"))
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("test-flush-close")));
        assertThrows(IOException.class, () -> out.write(3));
    }
}
