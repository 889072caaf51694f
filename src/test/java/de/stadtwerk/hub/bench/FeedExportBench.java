package de.stadtwerk.hub.bench;

import de.stadtwerk.hub.model.Asset;
import de.stadtwerk.hub.publish.feed.FeedDefinition;
import de.stadtwerk.hub.publish.feed.FeedDestination;
import de.stadtwerk.hub.publish.feed.FeedExporter;
import de.stadtwerk.hub.publish.feed.FeedFormat;
import de.stadtwerk.hub.publish.feed.FeedPeriod;
import de.stadtwerk.hub.publish.feed.FeedQuery;
import de.stadtwerk.hub.publish.feed.FeedWindow;
import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.store.ForecastStore;
import de.stadtwerk.hub.store.ObservationStore;
import de.stadtwerk.hub.store.ObservationStream;
import de.stadtwerk.hub.store.SeriesMetaStore;
import de.stadtwerk.hub.store.SeriesRegistry;
import de.stadtwerk.hub.store.SqlDialect;
import de.stadtwerk.hub.store.StoreDatabase;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;

/**
 * The feed export of a year × N series × 15 minutes (1,000 series: 35 million values), in two JVMs started by
 * {@code bench/feed-export.sh}: {@code generate} writes the values into PostgreSQL (COPY into a new schema) or H2
 * (batched INSERT into a file database under target/); {@code export} streams them through the feed exporter
 * into a file, in a JVM with {@code -Xmx512m}, and reports duration, rows/s, file size and peak heap.
 */
public final class FeedExportBench {

    private static final Path STATE = Path.of("target/feed-bench/state.properties");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate YEAR_START = LocalDate.parse("2025-01-01");

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        switch (mode) {
            case "generate" -> generate(args.length > 1 ? args[1] : "pg", args.length > 2 ? Integer.parseInt(args[2]) : 1000,
                    args.length > 3 ? Integer.parseInt(args[3]) : 365);
            case "export" -> export(args.length > 1 ? args[1] : "csv-de");
            case "drop" -> drop();
            default -> throw new IllegalArgumentException("usage: generate pg|h2 [series] [days] | export [csv-de|json] | drop");
        }
    }

    private static void generate(String db, int series, int days) throws Exception {
        Instant from = YEAR_START.atStartOfDay(BERLIN).toInstant();
        Instant to = YEAR_START.plusDays(days).atStartOfDay(BERLIN).toInstant();
        long perSeries = (to.getEpochSecond() - from.getEpochSecond()) / 900;
        Properties state = new Properties();
        String url;
        String user;
        if (db.equals("pg")) {
            String admin = System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
            user = System.getProperty("bench.pg.user", "postgres");
            String schema = "feedbench_" + System.currentTimeMillis();
            try (Connection c = DriverManager.getConnection(admin, user, ""); Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA " + schema);
            }
            url = admin + (admin.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            state.setProperty("schema", schema);
            state.setProperty("admin", admin);
        } else {
            Path dir = Path.of("target/feed-bench/h2").toAbsolutePath();
            deleteTree(dir);
            url = "";
            user = "";
            state.setProperty("dataDir", dir.toString());
        }
        state.setProperty("url", url);
        state.setProperty("user", user);
        state.setProperty("series", Integer.toString(series));
        state.setProperty("from", from.toString());
        state.setProperty("to", to.toString());
        Path dataDir = Path.of(state.getProperty("dataDir", "target/feed-bench"));
        long t0 = System.nanoTime();
        try (StoreDatabase store = StoreDatabase.open(url, user, "", 4, dataDir)) {
            store.migrate();
            try (Connection c = store.dataSource().getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO series (id, asset_id, quantity, unit, qualifier,"
                        + " created_at) VALUES (?, ?, 'energy_import', 'Wh', NULL, ?)")) {
                    for (int s = 0; s < series; s++) {
                        ps.setString(1, seriesId(s));
                        ps.setString(2, assetId(s));
                        ps.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
                if (store.dialect() == SqlDialect.POSTGRESQL) {
                    // no indexes while loading: COPY into the bare table, then the primary key
                    try (Statement st = c.createStatement()) {
                        st.execute("ALTER TABLE observation DROP CONSTRAINT observation_pkey");
                    }
                    c.commit();
                    for (int s = 0; s < series; s++) {
                        c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY observation (series_id, start_ts, end_ts,"
                                + " val, quality, source, received_at) FROM STDIN", new SeriesReader(s, from, perSeries));
                        if (s % 100 == 99) {
                            c.commit();
                            System.out.printf(Locale.ROOT, "  %d series loaded (%.0f s)%n", s + 1, (System.nanoTime() - t0) / 1e9);
                        }
                    }
                    c.commit();
                    try (Statement st = c.createStatement()) {
                        st.execute("ALTER TABLE observation ADD PRIMARY KEY (series_id, start_ts, end_ts)");
                        st.execute("ANALYZE observation");
                    }
                    c.commit();
                } else {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO observation (series_id, start_ts, end_ts, val,"
                            + " quality, source, received_at) VALUES (?, ?, ?, ?, 'MEASURED', 'bench', ?)")) {
                        OffsetDateTime received = OffsetDateTime.now(ZoneOffset.UTC);
                        for (int s = 0; s < series; s++) {
                            String id = seriesId(s);
                            for (long i = 0; i < perSeries; i++) {
                                long start = from.getEpochSecond() + i * 900;
                                ps.setString(1, id);
                                ps.setObject(2, OffsetDateTime.ofInstant(Instant.ofEpochSecond(start), ZoneOffset.UTC));
                                ps.setObject(3, OffsetDateTime.ofInstant(Instant.ofEpochSecond(start + 900), ZoneOffset.UTC));
                                ps.setDouble(4, value(s, i));
                                ps.setObject(5, received);
                                ps.addBatch();
                                if (i % 5000 == 4999) {
                                    ps.executeBatch();
                                }
                            }
                            ps.executeBatch();
                            c.commit();
                            if (s % 100 == 99) {
                                System.out.printf(Locale.ROOT, "  %d series loaded (%.0f s)%n", s + 1, (System.nanoTime() - t0) / 1e9);
                            }
                        }
                    }
                }
            }
        }
        Files.createDirectories(STATE.getParent());
        try (OutputStream out = Files.newOutputStream(STATE)) {
            state.store(out, "feed export bench");
        }
        System.out.printf(Locale.ROOT, "generated %,d values (%d series x %d) into %s in %.1f s%n", perSeries * series,
                series, perSeries, db.equals("pg") ? "PostgreSQL " + state.getProperty("schema") : "H2 " + dataDir,
                (System.nanoTime() - t0) / 1e9);
    }

    /** COPY text of one series. */
    private static final class SeriesReader extends Reader {
        private final int s;
        private final String id;
        private final long from;
        private final long count;
        private long i;
        private final StringBuilder buf = new StringBuilder(1 << 16);
        private int pos;

        SeriesReader(int s, Instant from, long count) {
            this.s = s;
            this.id = seriesId(s);
            this.from = from.getEpochSecond();
            this.count = count;
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            if (pos >= buf.length()) {
                buf.setLength(0);
                pos = 0;
                while (i < count && buf.length() < 60_000) {
                    long start = from + i * 900;
                    buf.append(id).append('\t').append(Instant.ofEpochSecond(start)).append('\t')
                            .append(Instant.ofEpochSecond(start + 900)).append('\t').append(value(s, i))
                            .append("\tMEASURED\tbench\t2026-01-01T00:00:00Z\n");
                    i++;
                }
                if (buf.length() == 0) {
                    return -1;
                }
            }
            int n = Math.min(len, buf.length() - pos);
            buf.getChars(pos, pos + n, cbuf, off);
            pos += n;
            return n;
        }

        @Override
        public void close() {
        }
    }

    private static String seriesId(int s) {
        return assetId(s) + ".energy_import";
    }

    private static String assetId(int s) {
        return String.format(Locale.ROOT, "m-%05d", s);
    }

    private static double value(int s, long i) {
        return ((s * 31 + i * 7) % 1000) * 0.25;
    }

    private static void export(String format) throws Exception {
        Properties state = new Properties();
        try (var in = Files.newInputStream(STATE)) {
            state.load(in);
        }
        int series = Integer.parseInt(state.getProperty("series"));
        List<String> ids = new ArrayList<>();
        for (int s = 0; s < series; s++) {
            ids.add(seriesId(s));
        }
        FeedPeriod period = new FeedPeriod(Instant.parse(state.getProperty("from")), Instant.parse(state.getProperty("to")),
                BERLIN);
        FeedDefinition feed = new FeedDefinition("bench", "Feed export bench", true, "0 0 6 * * ?",
                new FeedQuery(null, ids, null, null, FeedWindow.of("last-365-days"), null, null), FeedFormat.ofCode(format),
                null, FeedDestination.parse("file:feeds/bench"), null);
        Path file = Path.of("target/feed-bench/export." + (format.equals("csv-de") ? "csv" : format));
        HeapSampler heap = new HeapSampler();
        heap.start();
        long rows;
        long t0;
        Path dataDir = Path.of(state.getProperty("dataDir", "target/feed-bench"));
        try (StoreDatabase store = StoreDatabase.open(state.getProperty("url"), state.getProperty("user"), "", 4, dataDir)) {
            Clock clock = Clock.systemUTC();
            SeriesRegistry reg = new SeriesRegistry(store.dialect(), clock);
            FeedExporter exporter = new FeedExporter(new ObservationStream(store.dataSource()),
                    new ObservationStore(store.dataSource(), store.dialect(), reg, new QuarantineStore(store.dataSource(), clock),
                            clock, 1000),
                    new ForecastStore(store.dataSource(), store.dialect(), reg, 1000),
                    new SeriesMetaStore(store.dataSource(), store.dialect(), clock), () -> List.<Asset>of(), clock);
            resetPeaks();
            t0 = System.nanoTime();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                rows = exporter.export(feed, period, out);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        heap.stopSampling();
        System.out.printf(Locale.ROOT, "exported %,d rows (%s, %d series, %s .. %s) in %.1f s = %,.0f rows/s; file %,d MB%n",
                rows, format, series, period.from(), period.to(), seconds, rows / seconds, Files.size(file) >> 20);
        System.out.printf(Locale.ROOT, "heap: max %d MB (-Xmx), peak used (sampled every 20 ms) %d MB, peak of the heap pools"
                + " %d MB, used after the export %d MB%n", Runtime.getRuntime().maxMemory() >> 20, heap.peak.get() >> 20,
                poolPeaks() >> 20, heap.last >> 20);
        Files.delete(file);
    }

    private static void drop() throws Exception {
        Properties state = new Properties();
        try (var in = Files.newInputStream(STATE)) {
            state.load(in);
        }
        if (state.getProperty("schema") != null) {
            try (Connection c = DriverManager.getConnection(state.getProperty("admin"), state.getProperty("user"), "");
                 Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + state.getProperty("schema") + " CASCADE");
            }
            System.out.println("dropped schema " + state.getProperty("schema"));
        } else {
            deleteTree(Path.of(state.getProperty("dataDir")));
            System.out.println("deleted " + state.getProperty("dataDir"));
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
    }

    private static long poolPeaks() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Samples the used heap every 20 ms. */
    private static final class HeapSampler extends Thread {
        final AtomicLong peak = new AtomicLong();
        volatile long last;
        private volatile boolean running = true;

        HeapSampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            Runtime rt = Runtime.getRuntime();
            while (running) {
                last = rt.totalMemory() - rt.freeMemory();
                peak.accumulateAndGet(last, Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopSampling() {
            running = false;
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private FeedExportBench() {
    }

}
