package de.stadtwerk.hub.embedded;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded MQTT broker (HiveMQ Community Edition, in the hub's JVM) for the embedded defaults: bound to
 * 127.0.0.1 on {@code hub.embedded.mqtt.port}, sessions and queued messages kept in files under
 * {@code <hub.data.dir>/mqtt-broker} (or in memory), a per-client queue of {@code max-queue-size} messages
 * (HiveMQ's default of 1000 silently discards above it). Port 0 picks a free port (tests).
 * For production use a real broker (Mosquitto, HiveMQ) and switch this off.
 */
public final class EmbeddedMqttBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMqttBroker.class);

    private final int port;
    private final Path folder;
    private final boolean filePersistence;
    private final int maxQueueSize;
    private EmbeddedHiveMQ hivemq;

    /**
     * @param port            TCP port on 127.0.0.1 (0: a free one)
     * @param folder          where configuration and data go
     * @param filePersistence true: sessions survive a restart of the hub; false: in memory
     * @param maxQueueSize    messages queued per client before the broker discards new ones
     */
    public EmbeddedMqttBroker(int port, Path folder, boolean filePersistence, int maxQueueSize) {
        this.port = port == 0 ? freePort() : checkFree(port);
        this.folder = folder;
        this.filePersistence = filePersistence;
        this.maxQueueSize = maxQueueSize;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public synchronized void start() {
        long t0 = System.nanoTime();
        try {
            Path conf = Files.createDirectories(folder.resolve("conf"));
            Path data = Files.createDirectories(folder.resolve("data"));
            Path extensions = Files.createDirectories(folder.resolve("extensions"));
            Files.writeString(conf.resolve("config.xml"), """
                    <?xml version="1.0"?>
                    <hivemq>
                      <listeners>
                        <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
                      </listeners>
                      <mqtt>
                        <queued-messages><max-queue-size>%d</max-queue-size></queued-messages>
                      </mqtt>
                      <persistence><mode>%s</mode></persistence>
                      <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                    </hivemq>
                    """.formatted(port, maxQueueSize, filePersistence ? "file" : "in-memory"));
            hivemq = EmbeddedHiveMQ.builder().withConfigurationFolder(conf).withDataFolder(data)
                    .withExtensionsFolder(extensions).withoutLoggingBootstrap().build();
            hivemq.start().get(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded MQTT broker: cannot prepare " + folder + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("embedded MQTT broker did not start on 127.0.0.1:" + port + ": "
                    + e.getMessage(), e);
        }
        LOG.info("Embedded MQTT broker (HiveMQ CE) listening on {} ({} persistence) in {} ms", url(),
                filePersistence ? "file" : "in-memory", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    @Override
    public synchronized void close() {
        if (hivemq != null) {
            try {
                hivemq.stop().get(30, TimeUnit.SECONDS);
                hivemq.close();
            } catch (Exception e) {
                LOG.warn("embedded MQTT broker did not stop cleanly: {}", e.getMessage());
            }
            hivemq = null;
        }
    }

    private static int checkFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return port;
        } catch (IOException e) {
            throw new IllegalStateException("hub.embedded.mqtt.port " + port + " on 127.0.0.1 is already in use"
                    + " (another broker or hub?). Set hub.embedded.mqtt.port to a free port (HUB_EMBEDDED_MQTT_PORT),"
                    + " or use that broker: hub.embedded.mqtt.enabled=false and hub.mqtt.broker-url=tcp://127.0.0.1:"
                    + port);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
