package de.stadtwerk.hub.bench;

import de.stadtwerk.hub.legacy.CsvFormat;
import de.stadtwerk.hub.legacy.FileFormat;
import de.stadtwerk.hub.legacy.FileImport;
import de.stadtwerk.hub.legacy.FileImportResult;
import de.stadtwerk.hub.legacy.LegacyStores;
import de.stadtwerk.hub.legacy.MsconsFormat;
import de.stadtwerk.hub.parse.csv.CsvProfiles;
import de.stadtwerk.hub.parse.mscons.MsconsOptions;
import de.stadtwerk.hub.store.StoreDatabase;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;

/**
 * Import rate of large legacy files into PostgreSQL through the whole file import (hash and check pass, parse,
 * ingest pipeline, chunked upserts) and the peak heap. Generates an MSCONS file and a lastgang CSV file of
 * {@code locations × days × 96} quarter-hours (default 1,000 × 30 ≈ 2.9 million values each). Run with
 * {@code bench/legacy-import.sh [locations] [days]}.
 */
public final class LegacyImportBench {

    public static void main(String[] args) throws Exception {
        int locations = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int chunk = Integer.getInteger("bench.chunk", 10_000);
        String pgUrl = System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
        String pgUser = System.getProperty("bench.pg.user", "postgres");
        Path dir = Files.createTempDirectory("legacy-bench");
        Path edi = dir.resolve("bench.edi");
        Path csv = dir.resolve("bench.csv");
        long t = System.nanoTime();
        long n = LegacyFileGenerator.mscons(edi, locations, days, Instant.parse("2024-03-01T00:00:00Z"));
        LegacyFileGenerator.csv(csv, locations, days, Instant.parse("2024-05-01T00:00:00Z"));
        System.out.printf(Locale.ROOT, "values per file=%,d (locations=%d days=%d) chunk=%d max heap=%d MB cores=%d java=%s%n",
                n, locations, days, chunk, Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "generated MSCONS %,d MB, CSV %,d MB in %.1f s%n", Files.size(edi) >> 20,
                Files.size(csv) >> 20, (System.nanoTime() - t) / 1e9);

        String schema = "legacy_bench_" + System.currentTimeMillis();
        try (Connection admin = DriverManager.getConnection(pgUrl, pgUser, ""); Statement st = admin.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (Exception e) {
            System.out.println("PostgreSQL not available at " + pgUrl + ": " + e.getMessage());
            return;
        }
        try (StoreDatabase pg = StoreDatabase.open(pgUrl + "?currentSchema=" + schema + "&ApplicationName=" + APP, pgUser,
                "", 4, dir)) {
            pg.migrate();
            LegacyStores stores = new LegacyStores(pg);
            FileImport fi = stores.fileImport(stores.pipeline(), chunk);
            System.out.println("import mode: " + fi.effectiveMode() + ", writers: " + Integer.getInteger("bench.writers", 2));
            run("MSCONS", fi, edi, new MsconsFormat(MsconsOptions.defaults()), pg);
            run("CSV   ", fi, csv, new CsvFormat(CsvProfiles.load(Path.of("config/csv-profiles"), "lastgang-15min")), pg);
            long t0 = System.nanoTime();
            FileImportResult dup = fi.importFile(edi, "bench-copy.edi", new MsconsFormat(MsconsOptions.defaults()), "bench", "bench");
            System.out.printf(Locale.ROOT, "MSCONS again (duplicate): %s in %.1f s%n", dup.outcome(), (System.nanoTime() - t0) / 1e9);
            System.out.printf(Locale.ROOT, "rows in observation: %,d%n", stores.count("SELECT COUNT(*) FROM observation"));
        } finally {
            try (Connection admin = DriverManager.getConnection(pgUrl, pgUser, ""); Statement st = admin.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            }
            Files.deleteIfExists(edi);
            Files.deleteIfExists(csv);
            Files.deleteIfExists(dir);
        }
    }

    /** Application name of the bench's connections: their server processes are the ones whose CPU time is summed. */
    private static final String APP = "legacy-bench";

    /** Process ids of the bench's PostgreSQL backends (same machine). */
    private static java.util.Set<Integer> backends(StoreDatabase pg) {
        java.util.Set<Integer> pids = new java.util.HashSet<>();
        try (Connection c = pg.dataSource().getConnection(); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT pid FROM pg_stat_activity WHERE application_name = '" + APP + "'")) {
            while (rs.next()) {
                pids.add(rs.getInt(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return pids;
    }

    /** utime + stime of a process in seconds (Linux /proc; 100 ticks per second), 0 when it is gone. */
    private static double cpuSeconds(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double javaCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static void run(String label, FileImport fi, Path file, FileFormat format, StoreDatabase pg) throws java.io.IOException {
        long p0 = System.nanoTime();
        long[] parsed = {0};
        try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            format.read(in, file.getFileName().toString(), o -> parsed[0]++);
        }
        double ps = (System.nanoTime() - p0) / 1e9;
        System.out.printf(Locale.ROOT, "%s parse only (no store): %,d values in %.1f s = %,.0f values/s%n", label, parsed[0], ps,
                parsed[0] / ps);
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        java.util.Map<Integer, Double> pgBefore = new java.util.HashMap<>();
        for (int pid : backends(pg)) {
            pgBefore.put(pid, cpuSeconds(pid));
        }
        double javaBefore = javaCpuSeconds();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long t0 = System.nanoTime();
        FileImportResult r = fi.importFile(file, file.getFileName().toString(), format, "bench", "bench");
        double s = (System.nanoTime() - t0) / 1e9;
        double javaCpu = javaCpuSeconds() - javaBefore;
        double pgCpu = 0;
        java.util.Set<Integer> after = backends(pg);
        after.addAll(pgBefore.keySet());
        for (int pid : after) {
            pgCpu += cpuSeconds(pid) - pgBefore.getOrDefault(pid, 0.0);
        }
        double perValue = (javaCpu + pgCpu) / r.values() * 1e6;
        long peak = 0;
        long peakOld = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
                if (pool.getName().contains("Old") || pool.getName().contains("Tenured")) {
                    peakOld = Math.max(peakOld, pool.getPeakUsage().getUsed());
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s %,d MB file: %s, %,d values in %.1f s = %,.0f values/s; peak heap %d MB"
                        + " (old generation %d MB)%n", label, fileSize(file) >> 20, r.outcome(), r.values(), s, r.values() / s,
                peak >> 20, peakOld >> 20);
        System.out.printf(Locale.ROOT, "%s CPU: hub JVM %.1f s + PostgreSQL backends %.1f s = %.2f µs per value"
                        + " (on 2 otherwise idle cores at most %,.0f values/s); load average before %.1f%n", label, javaCpu,
                pgCpu, perValue, 2e6 / perValue, load);
    }

    private static long fileSize(Path f) {
        try {
            return Files.size(f);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
