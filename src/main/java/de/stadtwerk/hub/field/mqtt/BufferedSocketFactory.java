package de.stadtwerk.hub.field.mqtt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose input stream is buffered. Paho MQTT 5 1.2.5 reads packets through a
 * {@code DataInputStream} straight on the socket's stream, i.e. one system call per header byte and one per
 * payload; at tens of thousands of small messages per second that is most of the client's cost. With a 64 KiB
 * buffer one read takes many packets.
 */
final class BufferedSocketFactory extends SocketFactory {

    private static final int BUFFER = 64 * 1024;

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

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new BufferedInputStream(super.getInputStream(), BUFFER);
            }
            return in;
        }
    }
}
