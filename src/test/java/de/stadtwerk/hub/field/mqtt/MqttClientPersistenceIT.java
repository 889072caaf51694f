package de.stadtwerk.hub.field.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import de.stadtwerk.hub.embedded.EmbeddedMqttBroker;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest's client-side store ({@code hub.mqtt.persistence}) against the embedded broker: with {@code file}, Paho's
 * folder per client id under {@code hub.mqtt.persistence-dir}, locked while connected and released at stop, so that
 * the route and the whole hub start again in the same JVM; with {@code memory}, no folder; a folder that cannot be
 * one stops the start with a message naming the key and the path.
 */
class MqttClientPersistenceIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String ROUTE = "field-meters-mqtt";

    @TempDir
    Path store;

    private TestHub hub;

    @AfterEach
    void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    private TestHub newHub(String persistence) {
        hub = new TestHub().set("hub.embedded.mqtt.enabled", "true").set("hub.embedded.mqtt.port", "0")
                .set("hub.embedded.mqtt.persistence", "in-memory")
                .set(MqttSettings.PERSISTENCE, persistence).set(MqttSettings.PERSISTENCE_DIR, store.toString());
        return hub;
    }

    private void awaitConnected(TestHub h) {
        await().atMost(WAIT).until(() -> h.context().getRouteController().getRouteStatus(ROUTE).isStarted()
                && h.context().getRoute(ROUTE).getConsumer() instanceof MqttIngestConsumer c
                && c.connectionCount() > 0 && c.connectedCount() == c.connectionCount());
    }

    private void publishAndAwaitStored(TestHub h, int n) {
        String url = h.bean("embeddedMqttBroker", EmbeddedMqttBroker.class).url();
        String meter = h.runId + "-m-1";
        try (TestPublisher device = new TestPublisher(url, h.runId + "-device")) {
            device.publish(h.topic(meter), TestPublisher.reading(meter, n));
        }
        await().atMost(WAIT).until(() -> h.storedRows() == n + 1);
    }

    /** Whether Paho's lock on the folder is held in this JVM (a second lock on the file overlaps it). */
    private static boolean lockedHere(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder.resolve(".lck"), StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                lock.release();
            }
            return lock == null;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    @Test
    void theFileStoreHasAFolderPerConnectionLockedWhileConnectedAndReleasedAtStop() throws Exception {
        TestHub first = newHub("file").set("hub.mqtt.connections", "2").set("hub.mqtt.shared-group", "g").start();
        String clientId = first.runId + "-hub";
        Path one = store.resolve(clientId + "-1");
        Path two = store.resolve(clientId + "-2");
        awaitConnected(first);
        assertThat(one.resolve(".lck")).exists();
        assertThat(two.resolve(".lck")).exists();
        assertThat(lockedHere(one)).as("lock of " + one).isTrue();
        assertThat(store).isDirectoryNotContaining(p -> !p.equals(one) && !p.equals(two));
        publishAndAwaitStored(first, 0);

        // the route stops and starts in the same JVM: new clients on the same folders
        first.context().getRouteController().stopRoute(ROUTE);
        assertThat(one).as("closed store: Paho releases the lock and removes the empty folder").doesNotExist();
        assertThat(two).doesNotExist();
        first.context().getRouteController().startRoute(ROUTE);
        awaitConnected(first);
        assertThat(lockedHere(two)).as("lock of " + two + " after the restart").isTrue();
        publishAndAwaitStored(first, 1);

        // the whole hub stops and a new one with the same client id starts in the same JVM
        first.stop();
        assertThat(one).doesNotExist();
        assertThat(two).doesNotExist();
        TestHub second = newHub("file").set("hub.mqtt.connections", "2").set("hub.mqtt.shared-group", "g")
                .set(MqttSettings.CLIENT_ID, clientId).start();
        awaitConnected(second);
        assertThat(lockedHere(one)).as("lock of " + one + " in the second hub").isTrue();
        publishAndAwaitStored(second, 0);
    }

    @Test
    void theMemoryStoreWritesNoFolder() {
        TestHub h = newHub("memory").start();
        awaitConnected(h);
        publishAndAwaitStored(h, 0);
        assertThat(store).isEmptyDirectory();
    }

    @Test
    void aPersistenceDirThatIsAFileStopsTheStartNamingTheKeyAndPath() throws IOException {
        Path file = Files.writeString(store.resolve("in-the-way"), "not a folder");
        TestHub h = newHub("file").set(MqttSettings.PERSISTENCE_DIR, file.toString());
        assertThatThrownBy(h::start)
                .hasStackTraceContaining("hub.mqtt.persistence-dir '" + file + "': the folder cannot be created");
    }
}
