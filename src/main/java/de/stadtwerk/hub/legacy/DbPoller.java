package de.stadtwerk.hub.legacy;

import de.stadtwerk.hub.ingest.IngestPipeline;
import de.stadtwerk.hub.ingest.IngestResult;
import de.stadtwerk.hub.model.Asset;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.quarantine.Rejection;
import de.stadtwerk.hub.store.SqlDialect;
import de.stadtwerk.hub.store.StoreUnavailableException;
import de.stadtwerk.hub.store.internal.Jdbc;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incremental polling of a legacy database by a high-water column: never a full re-read.
 *
 * <p>Each batch runs {@code SELECT * FROM (<query>) q WHERE q.<hw> > ? ORDER BY q.<hw>} limited to the batch size,
 * maps the rows (observations through the ingest pipeline, or asset master data into the hub's {@code asset}
 * table), and only then stores the largest high-water value of the batch ({@link Watermarks}). A crash between
 * the commit and the watermark repeats one batch, which the store's upsert makes harmless: no value lost, none
 * doubled. Rows that share the last high-water value of a full batch are left for the next batch, so a batch
 * boundary never splits them (when a whole batch shares one value, all rows of that value are read). A row that
 * cannot be mapped goes to the quarantine with the reason and does not stop the watermark.
 */
public class DbPoller {

    private static final Logger LOG = LoggerFactory.getLogger(DbPoller.class);

    /** How a poll went. */
    public record PollResult(int batches, long rows, long stored, long quarantined, String watermark) {
    }

    /** What is polled and how; see {@link LegacySettings}. */
    public record Config(String name, String query, String watermarkColumn, boolean numericWatermark,
                         String watermarkStart, int batchSize, int maxBatches, boolean assets, RowMapping mapping,
                         String source) {
    }

    private final DataSource legacy;
    private final Config config;
    private final Watermarks watermarks;
    private final IngestPipeline pipeline;
    private final QuarantineStore quarantine;
    private final DataSource hub;
    private final SqlDialect hubDialect;
    private final Clock clock;

    public DbPoller(DataSource legacy, Config config, Watermarks watermarks, IngestPipeline pipeline,
                    QuarantineStore quarantine, DataSource hub, SqlDialect hubDialect, Clock clock) {
        this.legacy = legacy;
        this.config = config;
        this.watermarks = watermarks;
        this.pipeline = pipeline;
        this.quarantine = quarantine;
        this.hub = hub;
        this.hubDialect = hubDialect;
        this.clock = clock;
    }

    /** Reads batches until the source is caught up or {@code maxBatches} were read. */
    public PollResult poll(String routeId) {
        String wm = watermarks.get(watermarkKey()).orElse(blankToNull(config.watermarkStart()));
        int batches = 0;
        long rows = 0;
        long stored = 0;
        long quarantined = 0;
        while (batches < config.maxBatches()) {
            Batch b = readBatch(wm);
            if (b.rows.isEmpty()) {
                break;
            }
            batches++;
            rows += b.rows.size();
            IngestResult r = write(b, routeId);
            stored += r.stored();
            quarantined += r.quarantined();
            wm = b.lastWatermark;
            watermarks.set(watermarkKey(), wm);
            if (!b.full) {
                break;
            }
        }
        if (rows > 0) {
            LOG.info("Polled {}: {} rows in {} batch(es), {} stored, {} quarantined, watermark {}", config.name(), rows,
                    batches, stored, quarantined, wm);
        }
        return new PollResult(batches, rows, stored, quarantined, wm);
    }

    String watermarkKey() {
        return "db:" + config.name();
    }

    private record Row(Map<String, Object> values, String watermark) {
    }

    private record Batch(List<Row> rows, String lastWatermark, boolean full) {
    }

    private Batch readBatch(String after) {
        String hw = config.watermarkColumn();
        String base = "SELECT * FROM (" + config.query() + ") q" + (after == null ? "" : " WHERE q." + hw + " > ?")
                + " ORDER BY q." + hw;
        List<Row> rows = query(base + " LIMIT " + (config.batchSize() + 1), after, config.batchSize() + 1);
        boolean full = rows.size() > config.batchSize();
        if (!full) {
            return new Batch(rows, rows.isEmpty() ? after : rows.get(rows.size() - 1).watermark, false);
        }
        String last = rows.get(config.batchSize() - 1).watermark;
        if (!rows.get(config.batchSize()).watermark.equals(last)) {
            return new Batch(rows.subList(0, config.batchSize()), last, true);
        }
        // the batch boundary falls inside a run of equal high-water values: never split it
        int cut = config.batchSize() - 1;
        while (cut > 0 && rows.get(cut - 1).watermark.equals(last)) {
            cut--;
        }
        if (cut > 0) {
            return new Batch(rows.subList(0, cut), rows.get(cut - 1).watermark, true);
        }
        List<Row> all = query("SELECT * FROM (" + config.query() + ") q WHERE q." + hw + " = ?", last, 0);
        return new Batch(all, last, true);
    }

    private List<Row> query(String sql, String bind, int maxRows) {
        try (Connection c = legacy.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (bind != null) {
                if (config.numericWatermark()) {
                    ps.setBigDecimal(1, new BigDecimal(bind));
                } else {
                    ps.setObject(1, LocalDateTime.parse(bind));
                }
            }
            if (maxRows > 0) {
                ps.setMaxRows(maxRows);
            }
            ps.setFetchSize(maxRows > 0 ? Math.min(1000, maxRows) : 1000);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                int hwIndex = rs.findColumn(config.watermarkColumn());
                while (rs.next()) {
                    Map<String, Object> values = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        values.put(md.getColumnLabel(i), rs.getObject(i));
                    }
                    Object w = rs.getObject(hwIndex);
                    if (w == null) {
                        continue;
                    }
                    values.put("\u0000hw", w);
                    rows.add(new Row(values, RowMapping.watermarkText(w)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreUnavailableException("legacy database " + config.name() + " could not be read: " + e.getMessage(), e);
        }
    }

    private IngestResult write(Batch b, String routeId) {
        List<Rejection> rejections = new ArrayList<>();
        if (config.assets()) {
            List<Asset> assets = new ArrayList<>();
            for (Row r : b.rows) {
                try {
                    assets.add(config.mapping().asset(r.values));
                } catch (IllegalArgumentException e) {
                    rejections.add(rejection(r, e, routeId));
                }
            }
            upsertAssets(assets);
            quarantine.add(rejections);
            return new IngestResult(b.rows.size(), assets.size(), rejections.size());
        }
        List<Observation> observations = new ArrayList<>();
        for (Row r : b.rows) {
            try {
                observations.add(config.mapping().observation(r.values));
            } catch (IllegalArgumentException e) {
                rejections.add(rejection(r, e, routeId));
            }
        }
        IngestResult result = pipeline.ingest(observations, config.source(), routeId, null);
        quarantine.add(rejections);
        return new IngestResult(b.rows.size(), result.stored(), result.quarantined() + rejections.size());
    }

    private Rejection rejection(Row r, Exception e, String routeId) {
        Map<String, Object> shown = new LinkedHashMap<>(r.values);
        shown.remove("\u0000hw");
        return new Rejection(shown.toString(), "legacy database " + config.name() + ", row with " + config.watermarkColumn()
                + " = " + r.watermark + ": " + e.getMessage(), config.source(), routeId, null);
    }

    private void upsertAssets(List<Asset> assets) {
        if (assets.isEmpty()) {
            return;
        }
        try (Connection c = hub.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(hubDialect.upsertAsset())) {
                for (Asset a : assets) {
                    ps.setString(1, a.id());
                    ps.setString(2, a.name());
                    ps.setString(3, a.kind());
                    Jdbc.setDouble(ps, 4, a.lat());
                    Jdbc.setDouble(ps, 5, a.lon());
                    ps.setString(6, a.district());
                    ps.setString(7, a.postcode());
                    Jdbc.setDouble(ps, 8, a.ratedPowerW());
                    ps.setString(9, a.externalIds().isEmpty() ? null : a.externalIds().entrySet().stream().sorted(
                            Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue())
                            .reduce((x, y) -> x + "|" + y).orElse(null));
                    Jdbc.setInstant(ps, 10, clock.instant());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not store " + assets.size() + " asset(s): " + e.getMessage(), e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
