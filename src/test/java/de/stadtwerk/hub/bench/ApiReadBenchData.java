package de.stadtwerk.hub.bench;

import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.store.ObservationStore;
import de.stadtwerk.hub.store.SeriesIds;
import de.stadtwerk.hub.store.StoreDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Data for bench/api-read.sh: {@code series} series {@code bench-<n>.active_power} with {@code days} days of
 * 15-minute values from 2026-01-01 (Europe/Berlin midnight), written into the embedded H2 store under
 * {@code dataDir} before the hub starts on it. Usage: ApiReadBenchData dataDir series days
 */
public final class ApiReadBenchData {

    private ApiReadBenchData() {
    }

    public static void main(String[] args) {
        Path dataDir = Path.of(args[0]);
        int series = Integer.parseInt(args[1]);
        int days = Integer.parseInt(args[2]);
        Instant start = Instant.parse("2025-12-31T23:00:00Z");
        Instant now = Instant.now();
        try (StoreDatabase db = StoreDatabase.open("", "", "", 4, dataDir)) {
            db.migrate();
            Clock clock = Clock.systemUTC();
            ObservationStore store = new ObservationStore(db.dataSource(), db.dialect(),
                    new QuarantineStore(db.dataSource(), clock), clock, 1000);
            for (int s = 0; s < series; s++) {
                List<Observation> batch = new ArrayList<>(days * 96);
                String asset = "bench-" + s;
                for (int i = 0; i < days * 96; i++) {
                    Instant t = start.plusSeconds(900L * i);
                    batch.add(new Observation(SeriesIds.of(asset, "active_power", null), asset, "active_power",
                            1000 + 500 * Math.sin(i / 10.0) + s, "W", t, t, null, "bench", now));
                }
                store.write(batch, List.of());
            }
            System.out.println("bench data: " + series + " series x " + days + " days x 96 values in " + dataDir);
        }
    }
}
