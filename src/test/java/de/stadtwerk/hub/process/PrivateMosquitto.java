package de.stadtwerk.hub.process;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A Mosquitto of the test's own (the machine's binary, a free port on 127.0.0.1, persistence in a folder of the
 * test with {@code autosave_interval 1}), which a fault test may kill (SIGKILL) or stop (SIGTERM) by the PID it
 * started. {@code user} keeps Mosquitto from switching to the user "mosquitto" when run as root (it could not write
 * its persistence file then).
 */
final class PrivateMosquitto implements AutoCloseable {

    static final Path BINARY = Path.of(System.getProperty("hub.test.mosquitto", "/usr/sbin/mosquitto"));

    final int port;
    final Path dir;
    private Process process;

    PrivateMosquitto(Path dir) {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "no Mosquitto binary at " + BINARY
                + " (set -Dhub.test.mosquitto); the fault tests need a broker of their own");
        this.port = HubProcess.freePort();
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("mosquitto.conf"), """
                    listener %d 127.0.0.1
                    allow_anonymous true
                    persistence true
                    persistence_location %s/
                    autosave_interval 1
                    max_inflight_messages 1000
                    max_queued_messages 1000000
                    log_dest file %s/mosquitto.log
                    user %s
                    """.formatted(port, dir, dir, System.getProperty("user.name")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    PrivateMosquitto start() {
        try {
            process = new ProcessBuilder(BINARY.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(this::listening);
        return this;
    }

    boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGKILL: no final save; what was not autosaved is lost inside the broker. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
