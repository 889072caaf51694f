package de.stadtwerk.hub.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL server of the test's own: the machine's binaries ({@code /usr/lib/postgresql/<version>/bin}, or
 * {@code -Dhub.test.pg.bin}), a fresh cluster made by initdb in a temporary folder, a free port on 127.0.0.1, trust
 * authentication for user postgres. A fault test may stop it with {@code pg_ctl stop -m immediate} (the postmaster
 * the test started, by its PID file) and start it again; the machine's shared PostgreSQL is never touched. When the
 * test runs as root, the server runs as the user "postgres" (PostgreSQL refuses root), through runuser.
 */
final class PrivatePostgres implements AutoCloseable {

    final int port;
    final Path dir;
    private final Path bin;
    private final Path data;
    private final boolean asPostgresUser;

    PrivatePostgres() {
        bin = findBinaries();
        Assumptions.assumeTrue(bin != null, "no PostgreSQL binaries under /usr/lib/postgresql/*/bin (set -Dhub.test.pg.bin)");
        asPostgresUser = "root".equals(System.getProperty("user.name"));
        port = HubProcess.freePort();
        try {
            dir = Files.createTempDirectory("hub-fault-pg-");
            data = dir.resolve("data");
            if (asPostgresUser) {
                run(List.of("chown", "postgres", dir.toString()), false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "postgres",
                "-E", "UTF8", "--locale=C", "--no-sync"), asPostgresUser);
    }

    private static Path findBinaries() {
        String configured = System.getProperty("hub.test.pg.bin");
        if (configured != null) {
            return Path.of(configured);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(p -> p.getParent().getFileName().toString())).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    PrivatePostgres start() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start"),
                asPostgresUser);
        return this;
    }

    /** {@code pg_ctl stop -m immediate}: the server ends at once, without a checkpoint (recovery at the next start). */
    void stopImmediately() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "stop", "-m", "immediate"),
                asPostgresUser);
    }

    @Override
    public void close() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "stop", "-m", "fast"),
                        asPostgresUser);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a left-over temporary folder does no harm
            }
        }
    }

    private static void run(List<String> command, boolean asPostgres) {
        List<String> cmd = new ArrayList<>();
        if (asPostgres) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(command);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
