package de.stadtwerk.hub.legacy;

import de.stadtwerk.hub.ingest.IngestPipeline;
import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.store.ObservationStore;
import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.transform.AssetRegistry;
import de.stadtwerk.hub.transform.ObservationNormaliser;
import de.stadtwerk.hub.transform.Plausibility;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The hub's store and ingest pipeline without Camel, for tests and benchmarks of the legacy imports. */
public final class LegacyStores {

    public final StoreDatabase db;
    public final QuarantineStore quarantine;
    public final ObservationStore store;
    public final ImportedFiles imported;
    public final Clock clock = Clock.systemUTC();

    public LegacyStores(StoreDatabase db) {
        this.db = db;
        this.quarantine = new QuarantineStore(db.dataSource(), clock);
        this.store = new ObservationStore(db.dataSource(), db.dialect(), quarantine, clock, 1000);
        this.imported = new ImportedFiles(db.dataSource());
    }

    public IngestPipeline pipeline() {
        AssetRegistry assets = new AssetRegistry(Path.of("config/assets.csv"));
        assets.reloadIfChanged();
        // old sample data must pass: plausibility from 1990, as in the defaults
        Plausibility p = new Plausibility(Duration.ofDays(1), Instant.parse("1990-01-01T00:00:00Z"), Map.of());
        return new IngestPipeline(new ObservationNormaliser(assets, p, false), store, clock);
    }

    public FileImport fileImport(IngestPipeline pipeline, int chunkSize) {
        return new FileImport(pipeline, quarantine, imported, clock, chunkSize, Integer.getInteger("bench.writers", 2),
                FileImport.Mode.of(System.getProperty("bench.mode", "auto")));
    }

    public FileImport fileImport(IngestPipeline pipeline, int chunkSize, int writers, FileImport.Mode mode) {
        return new FileImport(pipeline, quarantine, imported, clock, chunkSize, writers, mode);
    }

    public long count(String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
