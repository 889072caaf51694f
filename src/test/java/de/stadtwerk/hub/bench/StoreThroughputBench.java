package de.stadtwerk.hub.bench;

import de.stadtwerk.hub.ingest.IngestPipeline;
import de.stadtwerk.hub.ingest.IngestResult;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.store.ObservationStore;
import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.transform.AssetRegistry;
import de.stadtwerk.hub.transform.ObservationNormaliser;
import de.stadtwerk.hub.transform.Plausibility;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.postgresql.PGConnection;

/**
 * Store write throughput through the ingest pipeline (read → validate → enrich → units → plausibility → batched
 * upsert), on H2 and on PostgreSQL, and in the same run the raw limit of PostgreSQL: COPY of the same rows into
 * a table of the same shape. Run with {@code bench/store-throughput.sh [observations] [series] [threads]}.
 */
public final class StoreThroughputBench {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int CHUNK = 10_000;

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int series = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        String pgUrl = System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
        String pgUser = System.getProperty("bench.pg.user", "postgres");
        System.out.printf(Locale.ROOT, "observations=%d series=%d chunk=%d threads=%d cores=%d java=%s%n", total, series,
                CHUNK, threads, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        List<List<Observation>> chunks = generate(total, series);
        double normaliseRate = normaliseOnly(chunks);
        System.out.printf(Locale.ROOT, "normalise only (no store):      %,10.0f obs/s%n", normaliseRate);

        Path h2Dir = Files.createTempDirectory("bench-h2");
        try (StoreDatabase h2 = StoreDatabase.open("", "", "", 4, h2Dir)) {
            h2.migrate();
            double rate = throughPipeline(h2, chunks, 1);
            System.out.printf(Locale.ROOT, "H2 (file) through pipeline:     %,10.0f obs/s%n", rate);
        }

        String schema = "bench_" + System.currentTimeMillis();
        try (Connection admin = DriverManager.getConnection(pgUrl, pgUser, ""); Statement st = admin.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (Exception e) {
            System.out.println("PostgreSQL not available at " + pgUrl + ": " + e.getMessage());
            return;
        }
        String url = pgUrl + "?currentSchema=" + schema;
        try (StoreDatabase pg = StoreDatabase.open(url, pgUser, "", 4, h2Dir)) {
            pg.migrate();
            double pipeline = throughPipeline(pg, chunks, threads);
            System.out.printf(Locale.ROOT, "PostgreSQL through pipeline:    %,10.0f obs/s (%d thread(s))%n", pipeline, threads);
            double repeat = throughPipeline(pg, chunks, threads);
            System.out.printf(Locale.ROOT, "PostgreSQL same rows again:     %,10.0f obs/s (all unchanged, no writes)%n", repeat);
            double copyIndexed = copyLimit(pg, chunks, true);
            System.out.printf(Locale.ROOT, "PostgreSQL COPY, same PK:       %,10.0f rows/s (raw limit with the primary key)%n", copyIndexed);
            double copyBare = copyLimit(pg, chunks, false);
            System.out.printf(Locale.ROOT, "PostgreSQL COPY, no index:      %,10.0f rows/s (raw limit of the database)%n", copyBare);
            System.out.printf(Locale.ROOT, "pipeline / COPY with PK = %.2f, pipeline / COPY without index = %.2f%n",
                    pipeline / copyIndexed, pipeline / copyBare);
        } finally {
            try (Connection admin = DriverManager.getConnection(pgUrl, pgUser, ""); Statement st = admin.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    static List<List<Observation>> generate(int total, int series) {
        List<List<Observation>> chunks = new ArrayList<>();
        List<Observation> chunk = new ArrayList<>(CHUNK);
        int perSeries = Math.max(1, total / series);
        for (int step = 0; step < perSeries; step++) {
            Instant start = T0.plusSeconds(900L * step);
            Instant end = start.plusSeconds(900);
            for (int s = 0; s < series; s++) {
                chunk.add(Observation.interval("m-" + s, "energy_import", 0.25 + (s % 7) * 0.01 + step * 1e-4, "kWh", start, end));
                if (chunk.size() == CHUNK) {
                    chunks.add(chunk);
                    chunk = new ArrayList<>(CHUNK);
                }
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    private static ObservationNormaliser normaliser() {
        AssetRegistry assets = new AssetRegistry(Path.of("config/assets.csv"));
        assets.reloadIfChanged();
        return new ObservationNormaliser(assets, Plausibility.defaults(), false);
    }

    private static double normaliseOnly(List<List<Observation>> chunks) {
        ObservationNormaliser n = normaliser();
        Instant now = Instant.parse("2026-12-31T00:00:00Z");
        long count = 0;
        long t = System.nanoTime();
        for (List<Observation> chunk : chunks) {
            for (Observation o : chunk) {
                if (n.normalise(o, "bench", now).accepted()) {
                    count++;
                }
            }
        }
        return count / ((System.nanoTime() - t) / 1e9);
    }

    private static double throughPipeline(StoreDatabase db, List<List<Observation>> chunks, int threads) throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-12-31T00:00:00Z"), ZoneOffset.UTC);
        ObservationStore store = new ObservationStore(db.dataSource(), db.dialect(),
                new QuarantineStore(db.dataSource(), clock), clock, 1000);
        IngestPipeline pipeline = new IngestPipeline(normaliser(), store, clock);
        java.util.concurrent.atomic.AtomicLong stored = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        long t = System.nanoTime();
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int worker = w;
            futures.add(pool.submit(() -> {
                // workers take alternate chunks; chunks hold disjoint keys, so no two workers write the same row
                for (int i = worker; i < chunks.size(); i += threads) {
                    IngestResult r = pipeline.ingest(chunks.get(i), "bench", "bench", null);
                    stored.addAndGet(r.stored());
                }
            }));
        }
        for (java.util.concurrent.Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - t) / 1e9;
        if (stored.get() != chunks.stream().mapToLong(List::size).sum()) {
            throw new IllegalStateException("stored " + stored.get() + " of " + chunks.stream().mapToLong(List::size).sum());
        }
        return stored.get() / seconds;
    }

    private static double copyLimit(StoreDatabase db, List<List<Observation>> chunks, boolean withIndex) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS observation_copy");
            st.execute("CREATE TABLE observation_copy (LIKE observation " + (withIndex ? "INCLUDING ALL" : "") + ")");
            PGConnection pg = c.unwrap(PGConnection.class);
            long rows = 0;
            long t = System.nanoTime();
            for (List<Observation> chunk : chunks) {
                StringBuilder sb = new StringBuilder(chunk.size() * 120);
                for (Observation o : chunk) {
                    sb.append(o.assetId()).append(".energy_import\t").append(o.start()).append('\t').append(o.end())
                            .append('\t').append(o.value() * 1000).append("\tMEASURED\tbench\t2026-12-31T00:00:00Z\n");
                }
                rows += pg.getCopyAPI().copyIn("COPY observation_copy (series_id, start_ts, end_ts, val, quality, source,"
                        + " received_at) FROM STDIN", new StringReader(sb.toString()));
            }
            return rows / ((System.nanoTime() - t) / 1e9);
        }
    }
}
