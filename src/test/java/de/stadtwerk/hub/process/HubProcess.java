package de.stadtwerk.hub.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The hub as its own JVM, started from {@code target/stadtwerk-hub.jar} the way the README does, in a working
 * directory that holds copies of routes/, kamelets/ and config/. Stopped by the PID it started.
 */
final class HubProcess implements AutoCloseable {

    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Path workDir;
    final int port;
    /** The management port (health, metrics): not the business port since the partner API. */
    final int managementPort;
    final Path log;
    private Process process;

    HubProcess(Path workDir) {
        this.workDir = workDir;
        // below the OS's range for port 0: the hub's embedded servers bind port 0, and once the OPC UA simulator got
        // the management port chosen here (MqttFaultsIT then waited for a readiness the OPC UA server answered)
        int[] ports = portsBelowEphemeralRange(2);
        this.port = ports[0];
        this.managementPort = ports[1];
        this.log = workDir.resolve("hub.log");
        copy(REPO.resolve("routes"), workDir.resolve("routes"));
        copy(REPO.resolve("kamelets"), workDir.resolve("kamelets"));
        copy(REPO.resolve("config"), workDir.resolve("config"));
    }

    HubProcess start(Map<String, String> systemProperties, Map<String, String> environment) {
        Path jar = REPO.resolve("target/stadtwerk-hub.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after `mvn package`");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dcamel.server.port=" + port, "-Dcamel.server.host=127.0.0.1",
                "-Dcamel.management.port=" + managementPort, "-Dhub.embedded.opcua.port=0",
                "-Dhub.embedded.mqtt.port=0", "-Dhub.embedded.mqtt.persistence=in-memory"));
        systemProperties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = new HashMap<>(pb.environment());
        env.keySet().removeIf(k -> k.startsWith("HUB_") || k.startsWith("CAMEL_"));
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().putAll(environment);
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** GET a path (/observe/… on the management port, others on the business port); null when nothing answers. */
    HttpResponse<String> get(String path) {
        return get(path.startsWith("/observe") ? managementPort : port, path);
    }

    /** GET a path on a given port of the hub; null when nothing answers. */
    HttpResponse<String> get(int onPort, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + onPort + path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    String body(String path) {
        HttpResponse<String> r = get(path);
        return r == null ? "" : r.body();
    }

    /** The body of a management path with a longer answer time (a health check that waits for its database). */
    String body(String path, Duration timeout) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                    .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** SIGKILL: the JVM ends at once, without shutdown hooks (a crash or power loss). */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    int exitValue() {
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM and wait for the end (graceful shutdown); the exit code, or -1 when it is still running after {@code wait}. */
    int terminate(Duration wait) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        return process.exitValue();
    }

    /** The value of a Prometheus metric (sum over its label sets), or 0 when the hub does not list it. */
    double metric(String name) {
        double sum = 0;
        for (String line : body("/observe/metrics").split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /**
     * System properties of one member of a two-instance MQTT test: the store in a PostgreSQL schema (user
     * {@code TestDatabases.PG_USER}), an external broker, its own client id in one share group, the test's mapping
     * file, no embedded broker, OPC UA simulator, demo devices, open-data pulls or Energiewetter clock message.
     */
    static Map<String, String> mqttClusterMember(String schemaUrl, Path dataDir, String brokerUrl, String clientId,
                                                 String shareGroup, Path mappings) {
        Map<String, String> props = new HashMap<>();
        props.put("hub.db.url", schemaUrl);
        props.put("hub.db.user", de.stadtwerk.hub.store.TestDatabases.PG_USER);
        props.put("hub.data.dir", dataDir.toString());
        props.put("hub.opendata.run-at-start", "false");
        props.put("hub.demo.enabled", "false");
        props.put("hub.embedded.opcua.enabled", "false");
        props.put("hub.energiewetter.mqtt.enabled", "false");
        props.put("hub.embedded.mqtt.enabled", "false");
        props.put("hub.mqtt.broker-url", brokerUrl);
        props.put("hub.mqtt.client-id", clientId);
        props.put("hub.mqtt.shared-group", shareGroup);
        props.put("hub.mqtt.mappings", mappings.toString());
        return props;
    }

    /**
     * {@code n} different free ports below the kernel's ephemeral range ({@code ip_local_port_range}), from which
     * the OS gives out port 0: no server of the hub that binds port 0 can take one of them.
     */
    static int[] portsBelowEphemeralRange(int n) {
        int low = 32768;
        try (java.io.BufferedReader r = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            // read as a stream: /proc files report size 0, and Files.readString returned only "3" here
            int read = Integer.parseInt(r.readLine().trim().split("\\s+")[0]);
            if (read >= 12_000 && read <= 65_535) {
                low = read;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the usual default
        }
        java.util.Random random = new java.util.Random();
        int[] ports = new int[n];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0, attempts = 0; i < n; attempts++) {
                int candidate = attempts < 1_000 ? 10_000 + random.nextInt(low - 10_000) : 0; // 0: give up, any port
                try {
                    ServerSocket s = new ServerSocket(candidate);
                    held.add(s);
                    ports[i++] = s.getLocalPort();
                } catch (IOException taken) {
                    if (candidate == 0) {
                        throw new UncheckedIOException(taken);
                    }
                }
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException e) {
                    // a probe socket
                }
            }
        }
    }

    /** A free port for a peer the test starts (broker, database): below the range of port 0, as above. */
    static int freePort() {
        return portsBelowEphemeralRange(1)[0];
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
