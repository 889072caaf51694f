package de.stadtwerk.hub.field.mqtt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose input stream is buffered and whose output merges flushes that come close together.
 * Paho MQTT 5 1.2.5 reads packets through a {@code DataInputStream} straight on the socket's stream, i.e. one system
 * call per header byte and one per payload; at tens of thousands of small messages per second that is most of the
 * client's cost. With a 64 KiB buffer one read takes many packets. On the way out it flushes every packet (every
 * PUBACK) on its own; {@link CoalescingOutputStream} sends a burst of them in a few segments, at most
 * {@link #FLUSH_LINGER_NANOS} later.
 */
final class BufferedSocketFactory extends SocketFactory {

    private static final int BUFFER = 64 * 1024;
    /** How long a flush may wait for more packets when the previous flush was less than this ago: 0.2 ms. */
    static final long FLUSH_LINGER_NANOS = 200_000;
    private static final java.util.concurrent.atomic.AtomicInteger SOCKETS = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public Socket createSocket() {
        return new BufferedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket s = new BufferedSocket();
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket s = new BufferedSocket();
        s.bind(new InetSocketAddress(localHost, localPort));
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = new BufferedSocket();
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        Socket s = new BufferedSocket();
        s.bind(new InetSocketAddress(localAddress, localPort));
        s.connect(new InetSocketAddress(address, port));
        return s;
    }

    private static final class BufferedSocket extends Socket {

        private InputStream in;
        private CoalescingOutputStream out;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new BufferedInputStream(super.getInputStream(), BUFFER);
            }
            return in;
        }

        @Override
        public synchronized java.io.OutputStream getOutputStream() throws IOException {
            if (isClosed()) {
                throw new java.net.SocketException("Socket is closed");
            }
            if (out == null) {
                out = new CoalescingOutputStream(super.getOutputStream(), FLUSH_LINGER_NANOS,
                        "mqtt-flush-" + SOCKETS.incrementAndGet());
            }
            return out;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close(); // first: it unblocks a write that waits on a full socket
            } finally {
                CoalescingOutputStream o;
                synchronized (this) {
                    o = out;
                }
                if (o != null) {
                    o.stop(); // ends its flusher thread
                }
            }
        }
    }
}
