package org.eclipse.paho.mqttv5.common.packet.util;

import java.io.IOException;
import java.io.InputStream;

/**
 * Stadtwerk Hub's replacement for Paho MQTT 5 (1.2.5)'s class of the same name, which Paho uses to decode every
 * packet it receives: a stream over the packet's bytes that counts what was read.
 *
 * <p>Paho's own class overrides only {@link #read()}, so the topic, properties and payload of every PUBLISH were
 * read one byte at a time, each byte through the synchronized {@code ByteArrayInputStream.read()}: a fifth of the
 * hub's MQTT thread time in the ingest benchmark (docs/field-mqtt.md, "Throughput"). This class counts the same way
 * and also reads blocks. The build excludes Paho's copy from the hub's jar (pom.xml, shade filter), and on a test
 * classpath the project's classes come first; {@code PahoCountingInputStreamTest} checks that this class is the one
 * in use and that Paho's decoding gives the same packets. Same public API as Paho's (constructor, {@code read},
 * {@code getCounter}, {@code resetCounter}); drop this file when Paho's class reads blocks itself.
 */
public class CountingInputStream extends InputStream {

    private final InputStream inputStream;
    private int counter;

    /**
     * @param inputStream the stream to read from and count
     */
    public CountingInputStream(InputStream inputStream) {
        this.inputStream = inputStream;
    }

    @Override
    public int read() throws IOException {
        int i = inputStream.read();
        if (i != -1) {
            counter++;
        }
        return i;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = inputStream.read(b, off, len);
        if (n > 0) {
            counter += n;
        }
        return n;
    }

    /**
     * @return the number of bytes read since the start or the last {@link #resetCounter()}
     */
    public int getCounter() {
        return counter;
    }

    /** Starts counting from zero again. */
    public void resetCounter() {
        counter = 0;
    }
}
