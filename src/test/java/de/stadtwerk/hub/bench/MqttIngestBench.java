package de.stadtwerk.hub.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MQTT ingest benchmark (bench/mqtt-ingest.sh): the hub as a user runs it (the jar, PostgreSQL as store, the
 * machine's Mosquitto as broker) against a load generator of 1,000 meters at QoS 1, and in the same run the limit
 * of the machine: the same generator into the same broker with a plain subscriber that only counts.
 *
 * <ol>
 *   <li>broker limit: N messages at full speed, counted by a plain subscriber;</li>
 *   <li>latency: the hub at a fixed rate (2,000 msg/s): publish-to-commit p50/p99 from the hub's metric;</li>
 *   <li>throughput: N messages at full speed into the hub: sustained stored messages/s, CPU, peak RSS;</li>
 *   <li>loss: published vs. stored rows in PostgreSQL (must be 0).</li>
 * </ol>
 */
public final class MqttIngestBench {

    /** The hub's JVM options for a small footprint (docs/field-mqtt.md, "Memory"); override with bench.hub.opts. */
    /**
     * Interval of the progress samples (the hub's committed counter, one scrape of its Prometheus endpoint each):
     * at 200 ms the scrapes were 8 % of the hub's CPU samples under full load (JFR); the crossing times are
     * interpolated, so a second is fine-grained enough.
     */
    static final long SAMPLE_MILLIS = 1000;

    static final String SMALL_FOOTPRINT = "-Xms64m -Xmx256m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m"
            + " -XX:MaxMetaspaceSize=192m -Xss512k";


    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 500_000;
        int meters = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        double rate = args.length > 2 ? Double.parseDouble(args[2]) : 2000;
        int latencySeconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        String broker = System.getProperty("bench.mqtt.url", "tcp://127.0.0.1:1883");
        Process privateBroker = null;
        if (Boolean.getBoolean("bench.mosquitto.private")) {
            // the machine's Mosquitto binary with the settings docs/field-mqtt.md asks for, on a free port
            int mport;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                mport = s.getLocalPort();
            }
            Path mdir = Files.createDirectories(Path.of("target", "bench-mqtt", "mosquitto-" + mport).toAbsolutePath());
            Files.writeString(mdir.resolve("mosquitto.conf"), """
                    listener %d 127.0.0.1
                    allow_anonymous true
                    persistence true
                    persistence_location %s/
                    autosave_interval 1
                    max_inflight_messages %d
                    max_queued_messages 1000000
                    user %s
                    """.formatted(mport, mdir, Integer.getInteger("bench.mosquitto.max-inflight", 1000),
                    System.getProperty("user.name")));
            privateBroker = new ProcessBuilder(System.getProperty("bench.mosquitto", "/usr/sbin/mosquitto"), "-c",
                    mdir.resolve("mosquitto.conf").toString()).redirectErrorStream(true)
                    .redirectOutput(mdir.resolve("mosquitto.log").toFile()).start();
            Thread.sleep(500);
            broker = "tcp://127.0.0.1:" + mport;
            System.out.println("private Mosquitto (docs/field-mqtt.md settings) at " + broker);
        }
        try {
            run(n, meters, rate, latencySeconds, broker);
        } finally {
            if (privateBroker != null) {
                privateBroker.destroy();
                privateBroker.waitFor();
            }
        }
    }

    static void run(long n, int meters, double rate, int latencySeconds, String broker) throws Exception {
        String pgBase = System.getProperty("bench.pg.base", "jdbc:postgresql://127.0.0.1:5432/");
        String pgUser = System.getProperty("bench.pg.user", "postgres");
        String hubOpts = System.getProperty("bench.hub.opts", SMALL_FOOTPRINT);
        String[] hubProps = System.getProperty("bench.hub.props", "").isBlank() ? new String[0]
                : System.getProperty("bench.hub.props").trim().split("[\\s,]+");
        int window = Integer.getInteger("bench.window", 2000);
        String run = "bench" + UUID.randomUUID().toString().substring(0, 8);
        Path dir = Files.createDirectories(Path.of("target", "bench-mqtt", run).toAbsolutePath());
        System.out.printf(Locale.ROOT, "run=%s messages=%d meters=%d rate=%.0f/s latency-phase=%ds broker=%s cores=%d%n",
                run, n, meters, rate, latencySeconds, broker, Runtime.getRuntime().availableProcessors());

        // 1. the broker's limit (measured again after the hub's phases: the host's load drifts in between)
        double limit = rawLimit(broker, run, "-limit", n, meters, window, "broker limit");
        // the same with a plain subscriber on a client library (Paho, automatic acks): what an ordinary application gets
        double libraryLimit;
        try (PahoCountingSubscriber sub = new PahoCountingSubscriber(broker, run + "-paho-counter", run + "-limit2/meters/+/reading");
             MqttLoadGenerator gen = new MqttLoadGenerator(broker, run + "-gen-limit2", run + "-limit2", meters)) {
            gen.publish(n, 0, window);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (sub.count.get() < n && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            libraryLimit = sub.count.get() / ((sub.lastNanos - sub.firstNanos) / 1e9);
            System.out.printf(Locale.ROOT, "broker limit with a Paho subscriber (automatic acks): counted %d, %.0f msg/s received%n",
                    sub.count.get(), libraryLimit);
        }
        if (Boolean.getBoolean("bench.limit-only")) {
            return;
        }

        // 2. the hub
        String db = "hub_" + run;
        String pgUrl = pgBase + db;
        try (Connection c = DriverManager.getConnection(pgBase + "postgres", pgUser, "");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + db);
        }
        Files.writeString(dir.resolve("mappings.yaml"), """
                mappings:
                  - name: meter-reading
                    topic: %s/meters/+/reading
                    asset: "{$.meter}"
                    time: "{$.ts}"
                    values:
                      - obis: "{$.obis}"
                        value: "{$.value}"
                        unit: "{$.unit}"
                """.formatted(run));
        int port;
        int managementPort; // health and metrics (/observe) are on the management server
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket m = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
            managementPort = m.getLocalPort();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(hubOpts.trim().split("[\\s,]+"))); // commas: several options through JAVA_OPTS
        cmd.addAll(List.of("-Dcamel.server.port=" + port, "-Dcamel.server.host=127.0.0.1",
                "-Dcamel.management.port=" + managementPort, "-Dcamel.management.host=127.0.0.1",
                "-Dhub.embedded.opcua.port=0", "-Dhub.opendata.run-at-start=false",
                "-Dhub.data.dir=" + dir.resolve("data"), "-Dhub.db.url=" + pgBase + db, "-Dhub.db.user=" + pgUser,
                "-Dhub.mqtt.broker-url=" + broker, "-Dhub.mqtt.client-id=" + run + "-hub",
                "-Dhub.mqtt.mappings=" + dir.resolve("mappings.yaml"), "-Dhub.embedded.mqtt.enabled=false",
                "-Dhub.demo.enabled=false"));
        cmd.addAll(List.of(hubProps));
        cmd.addAll(List.of("-jar", Path.of("target/stadtwerk-hub.jar").toAbsolutePath().toString()));
        Process hub = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("hub.log").toFile()).start();
        try {
            String base = "http://127.0.0.1:" + managementPort + "/observe";
            long deadline = System.nanoTime() + Duration.ofSeconds(Integer.getInteger("bench.ready-seconds", 240)).toNanos();
            while (!get(base + "/health/ready").startsWith("{\"status\":\"UP\"")) {
                if (System.nanoTime() > deadline || !hub.isAlive()) {
                    throw new IllegalStateException("hub not ready; see " + dir.resolve("hub.log"));
                }
                Thread.sleep(200);
            }
            long pid = hub.pid();
            System.out.printf(Locale.ROOT, "hub pid %d ready (%s); RSS %d MB%n", pid, String.join(" ", hubProps), rssKb(pid, "VmRSS") / 1024);

            // warm-up: a burst at full speed (the meters' series are registered, the JIT compiles the paths of large
            // batches), then the fixed rate (those of small batches); then wait until the hub's latency percentiles (a
            // one-minute window) no longer hold the warm-up. Without the burst, C2 compiled for half of the hub's CPU
            // time during the measured throughput phase (top -H, two cores).
            long burstCount = Long.getLong("bench.warmup-burst", 100_000);
            int warmupSeconds = Integer.getInteger("bench.warmup-seconds", 10);
            long warmCount = burstCount + (long) (rate * warmupSeconds);
            if (burstCount > 0) {
                try (MqttLoadGenerator gen = new MqttLoadGenerator(broker, run + "-gen-burst", run, meters)) {
                    gen.publish(burstCount, 0, window);
                }
                awaitStored(base, pgUrl, pgUser, burstCount, 300);
            }
            if (warmCount > burstCount) {
                try (MqttLoadGenerator gen = new MqttLoadGenerator(broker, run + "-gen-warm", run, meters)) {
                    gen.publish(warmCount - burstCount, rate, window);
                }
                awaitStored(base, pgUrl, pgUser, warmCount, 120);
            }
            if (warmCount > 0) {
                System.out.printf(Locale.ROOT, "warm-up: %d messages at full speed and %d at %.0f msg/s stored; waiting 65 s"
                        + " for the latency window%n", burstCount, warmCount - burstCount, rate);
                Thread.sleep(65_000);
            }
            // latency at a fixed rate
            double[] batchesBefore = batches(get(base + "/metrics"));
            long latencyCount = (long) (rate * latencySeconds);
            try (MqttLoadGenerator gen = new MqttLoadGenerator(broker, run + "-gen-rate", run, meters)) {
                gen.publish(latencyCount, rate, window);
            }
            awaitStored(base, pgUrl, pgUser, warmCount + latencyCount, 120);
            String metrics = get(base + "/metrics");
            double p50 = metric(metrics, "hub_mqtt_reading_age_at_commit_seconds\\{[^}]*quantile=\"0.5\"[^}]*}") * 1000;
            double p99 = metric(metrics, "hub_mqtt_reading_age_at_commit_seconds\\{[^}]*quantile=\"0.99\"[^}]*}") * 1000;
            // no maximum: the hub's _max meter is a Micrometer time-window maximum that still held the warm-up burst's
            // backlog (seconds) in this phase, while the percentiles (a one-minute window) did not
            double[] batchesAfter = batches(metrics);
            System.out.printf(Locale.ROOT, "latency at %.0f msg/s (%d messages): publish->commit p50 %.1f ms, p99 %.1f ms;"
                            + " receive->commit p99 %.1f ms; batches: mean %.1f messages%n",
                    rate, latencyCount, p50, p99,
                    metric(metrics, "hub_mqtt_receive_to_commit_seconds\\{[^}]*quantile=\"0.99\"[^}]*}") * 1000,
                    meanBatch(batchesBefore, batchesAfter));

            // throughput at full speed
            long committed0 = committed(base);
            double[] batchesBeforeFull = batches(get(base + "/metrics"));
            long cpu0 = cpuTicks(pid);
            long sys0 = systemTicks(pid);
            long pg0 = cpuTicksOf("postgres");
            long broker0 = cpuTicksOf("mosquitto");
            long own0 = ownCpuNanos();
            long busy0 = machineBusyTicks();
            long t0 = System.nanoTime();
            List<long[]> samples = new ArrayList<>();
            Thread sampler = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        addSample(samples, committed(base));
                        Thread.sleep(SAMPLE_MILLIS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    // sampler ends
                }
            });
            sampler.start();
            double publishSeconds;
            try (MqttLoadGenerator gen = new MqttLoadGenerator(broker, run + "-gen-full", run, meters)) {
                gen.publish(n, 0, window);
                publishSeconds = (System.nanoTime() - t0) / 1e9;
                if (gen.failed() > 0) {
                    System.out.println("WARNING: " + gen.failed() + " publishes failed");
                }
            }
            awaitStored(base, pgUrl, pgUser, warmCount + latencyCount + n, 600);
            double waited = (System.nanoTime() - t0) / 1e9;
            sampler.interrupt();
            sampler.join();
            addSample(samples, committed(base));
            // when the last message was committed, between the samples (the wait above polls once a second)
            double lastCommit = crossing(samples, committed0 + n);
            double seconds = Double.isNaN(lastCommit) ? waited : Math.min(waited, (lastCommit - t0) / 1e9);
            long cpu1 = cpuTicks(pid);
            long sys1 = systemTicks(pid);
            double pgCores = (cpuTicksOf("postgres") - pg0) / 100.0 / waited;
            double brokerCores = (cpuTicksOf("mosquitto") - broker0) / 100.0 / waited;
            double ownCores = (ownCpuNanos() - own0) / 1e9 / waited;
            double machineCores = (machineBusyTicks() - busy0) / 100.0 / waited;
            double sustained = sustained(samples, committed0, n);
            double cpuCores = (cpu1 - cpu0) / 100.0 / seconds;
            // CPU time per message: the figure to compare between runs when the machine's speed changes
            double cpuMicrosPerMessage = (cpu1 - cpu0) * 10_000.0 / n;
            long peakRss = rssKb(pid, "VmHWM") / 1024;
            metrics = get(base + "/metrics");
            System.out.printf(Locale.ROOT, "throughput: published %d in %.1f s (%.0f msg/s); all committed after %.1f s;"
                            + " sustained %.0f msg/s stored (10%%..90%%) = %.0f%% of the broker limit, %.0f%% of the Paho"
                            + " subscriber's%n",
                    n, publishSeconds, n / publishSeconds, seconds, sustained, 100 * sustained / limit,
                    100 * sustained / libraryLimit);
            System.out.printf(Locale.ROOT, "hub CPU %.2f cores during the throughput phase (%.1f µs per message), peak RSS %d MB;"
                            + " batches: mean %.0f messages; duplicates %.0f; failed batches %.0f; reconnects (all causes) %d%n",
                    cpuCores, cpuMicrosPerMessage, peakRss, meanBatch(batchesBeforeFull, batches(metrics)),
                    metric(metrics, "hub_mqtt_messages_duplicates_total\\{[^}]*}"),
                    metric(metrics, "hub_mqtt_batches_failed_total\\{[^}]*}"),
                    Files.readAllLines(dir.resolve("hub.log")).stream().filter(l -> l.contains("lost the connection")).count());
            // where the machine's CPU went (until all was committed): on a 2-core machine the four share it
            System.out.printf(Locale.ROOT, "machine CPU in the throughput phase: %.2f of %d cores busy; PostgreSQL %.2f,"
                            + " Mosquitto %.2f, generator (this JVM) %.2f, hub %.2f (%.0f%% of it in the kernel); the rest (kernel,"
                            + " other processes) %.2f%n", machineCores, Runtime.getRuntime().availableProcessors(), pgCores,
                    brokerCores, ownCores, (cpu1 - cpu0) / 100.0 / waited, 100.0 * (sys1 - sys0) / Math.max(1, cpu1 - cpu0),
                    machineCores - pgCores - brokerCores - ownCores - (cpu1 - cpu0) / 100.0 / waited);

            // loss
            long stored;
            long quarantined;
            try (Connection c = DriverManager.getConnection(pgBase + db, pgUser, "");
                 Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM observation WHERE source = 'mqtt/meter-reading'")) {
                    rs.next();
                    stored = rs.getLong(1);
                }
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM quarantine")) {
                    rs.next();
                    quarantined = rs.getLong(1);
                }
            }
            long published = warmCount + latencyCount + n;
            System.out.printf(Locale.ROOT, "loss: published %d, stored %d, quarantined %d, lost %d%n", published, stored,
                    quarantined, published - stored - quarantined);
            // the limit again, the hub idle (its topics get nothing): how far the host's load drifted during the run
            double limitAfter = rawLimit(broker, run, "-limit3", n, meters, window, "broker limit after the hub's phases");
            System.out.printf(Locale.ROOT, "hub sustained = %.0f%% of the broker limit before, %.0f%% of it after%n",
                    100 * sustained / limit, 100 * sustained / limitAfter);
            System.out.printf(Locale.ROOT, "%n| figure | value |%n|---|---|%n"
                            + "| broker limit (counting subscriber, raw socket), before / after the hub | %,.0f / %,.0f msg/s |%n"
                            + "| broker limit (counting subscriber, Paho, automatic acks) | %,.0f msg/s |%n"
                            + "| hub sustained, stored in PostgreSQL | %,.0f msg/s (%.0f %% and %.0f %% of the raw limits, %.0f %% of"
                            + " the Paho subscriber's) |%n"
                            + "| loss (published − stored) | %d of %,d |%n"
                            + "| publish → commit at %,.0f msg/s | p50 %.1f ms, p99 %.1f ms |%n"
                            + "| hub CPU (throughput phase) | %.2f cores, %.1f µs per message |%n| hub peak RSS | %d MB |%n",
                    limit, limitAfter, libraryLimit, sustained, 100 * sustained / limit, 100 * sustained / limitAfter,
                    100 * sustained / libraryLimit,
                    published - stored - quarantined, published, rate, p50, p99,
                    cpuCores, cpuMicrosPerMessage, peakRss);
        } finally {
            hub.destroy();
            hub.waitFor();
            try (Connection c = DriverManager.getConnection(pgBase + "postgres", pgUser, "");
                 Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + db);
            } catch (Exception e) {
                System.out.println("could not drop database " + db + ": " + e.getMessage());
            }
        }
    }

    /**
     * What the broker passes from the load generator to a plain counting subscriber (raw socket, acknowledges at
     * once) at full speed: received messages/s, printed with {@code label}.
     */
    static double rawLimit(String broker, String run, String suffix, long n, int meters, int window, String label)
            throws InterruptedException {
        try (CountingSubscriber sub = new CountingSubscriber(broker, run + suffix + "-counter", run + suffix + "/meters/+/reading");
             MqttLoadGenerator gen = new MqttLoadGenerator(broker, run + suffix + "-gen", run + suffix, meters)) {
            long t0 = System.nanoTime();
            long ownCpu0 = ownCpuNanos();
            gen.publish(n, 0, window);
            double publishSeconds = (System.nanoTime() - t0) / 1e9;
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (sub.count.get() < n && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            double rate = sub.count.get() / ((sub.lastNanos - sub.firstNanos) / 1e9);
            System.out.printf(Locale.ROOT, "%s: published %d in %.1f s (%.0f msg/s), counted %d, %.0f msg/s received;"
                            + " generator and counter together %.2f cores%n",
                    label, n, publishSeconds, n / publishSeconds, sub.count.get(), rate,
                    (ownCpuNanos() - ownCpu0) / 1e9 / ((System.nanoTime() - t0) / 1e9));
            return rate;
        }
    }

    /** The hub's batch-size summary: {sum, count}. */
    static double[] batches(String metrics) {
        return new double[] {metric(metrics, "hub_mqtt_batch_size_sum\\{[^}]*}"),
                metric(metrics, "hub_mqtt_batch_size_count\\{[^}]*}")};
    }

    /** Mean messages per batch between two readings of {@link #batches}. */
    static double meanBatch(double[] before, double[] after) {
        return (after[0] - before[0]) / Math.max(1, after[1] - before[1]);
    }

    /**
     * Committed messages/s between 10 % and 90 % of the throughput phase's messages (offset: committed before it); the
     * times at which the two marks were crossed are interpolated between the samples around them.
     */
    static double sustained(List<long[]> samples, long offset, long n) {
        double a = crossing(samples, offset + n / 10);
        double b = crossing(samples, offset + n * 9 / 10);
        if (Double.isNaN(a) || Double.isNaN(b) || b <= a) {
            return Double.NaN;
        }
        return (n * 9 / 10 - n / 10) / ((b - a) / 1e9);
    }

    /** Adds a progress sample (now, committed); a failed read of the counter (-1) is left out. */
    static void addSample(List<long[]> samples, long committed) {
        if (committed >= 0) {
            samples.add(new long[] {System.nanoTime(), committed});
        }
    }

    /** The time (ns) at which the committed count reached {@code mark}, linear between two samples; NaN if never. */
    static double crossing(List<long[]> samples, long mark) {
        for (int i = 1; i < samples.size(); i++) {
            long[] p = samples.get(i - 1);
            long[] q = samples.get(i);
            if (p[1] < mark && q[1] >= mark) {
                return p[0] + (double) (q[0] - p[0]) * (mark - p[1]) / (q[1] - p[1]);
            }
        }
        return Double.NaN;
    }

    /**
     * Waits until the hub has committed {@code count} messages (its counter, cheap to read), then until the store holds
     * as many rows (one exact count; the counter also counts redeliveries). Progress is not polled with COUNT(*): on a
     * growing table each count scans every row (80 ms at 360,000 rows here), and five a second took a third of a core
     * from the system under test on two cores.
     */
    static void awaitStored(String base, String url, String user, long count, int seconds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (committed(base) < count && System.nanoTime() < deadline) {
            Thread.sleep(SAMPLE_MILLIS);
        }
        long c;
        while ((c = storedRows(url, user)) < count) {
            if (System.nanoTime() > deadline) {
                System.out.println("WARNING: only " + c + " of " + count + " stored after " + seconds + " s");
                return;
            }
            Thread.sleep(1000);
        }
    }

    /** Messages the hub has committed and acknowledged (hub_mqtt_messages_committed_total), -1 when not readable. */
    static long committed(String base) {
        try {
            return (long) metric(get(base + "/metrics"), "hub_mqtt_messages_committed_total\\{[^}]*}");
        } catch (RuntimeException e) {
            return -1;
        }
    }

    static long storedRows(String url, String user) {
        try (Connection c = DriverManager.getConnection(url, user, "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM observation WHERE source = 'mqtt/meter-reading'")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    static double metric(String text, String nameRegex) {
        Matcher m = Pattern.compile("(?m)^" + nameRegex + " ([0-9.eE+-]+|NaN)$").matcher(text);
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("metric " + nameRegex + " not found in /observe/metrics");
        }
        return sum;
    }

    static String get(String url) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** CPU time of this JVM (the load generator and the counting subscriber). */
    static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The fields of a {@code /proc/<pid>/stat} line after the command name: [11] utime, [12] stime (ticks, 100/s). */
    static String[] statFields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    static long cpuTicks(long pid) throws IOException {
        String[] f = statFields(Files.readString(Path.of("/proc/" + pid + "/stat")));
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static long systemTicks(long pid) throws IOException {
        return Long.parseLong(statFields(Files.readString(Path.of("/proc/" + pid + "/stat")))[12]);
    }

    /** CPU ticks (utime + stime) of all processes with this command name, e.g. every PostgreSQL backend. */
    static long cpuTicksOf(String command) throws IOException {
        long sum = 0;
        try (java.util.stream.Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs.filter(d -> d.getFileName().toString().matches("\\d+"))::iterator) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (comm.equals(command)) {
                        String[] f = statFields(stat);
                        sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
        }
        return sum;
    }

    /** Busy CPU ticks of the whole machine (all of /proc/stat's "cpu" line but idle and iowait). */
    static long machineBusyTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(f[i]);
            }
        }
        return busy;
    }

    static long rssKb(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
