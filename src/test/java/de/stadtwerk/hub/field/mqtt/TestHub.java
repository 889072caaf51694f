package de.stadtwerk.hub.field.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The hub in the test's JVM: Camel Main with config/application.properties, the real route files of
 * routes/core and routes/field, overrides per test. A run id keeps topics, client ids and assets of one test
 * apart from everything else on a shared broker.
 */
final class TestHub implements AutoCloseable {

    final String runId = "it" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    final Path dir;
    final Map<String, String> properties = new LinkedHashMap<>();
    private Main main;

    TestHub() {
        dir = Path.of("target", "mqtt-it", runId).toAbsolutePath();
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("mappings.yaml"), """
                    mappings:
                      - name: it-meter
                        topic: %s/meters/+/reading
                        asset: "{$.meter}"
                        time: "{$.ts}"
                        values:
                          - obis: "{$.obis}"
                            value: "{$.value}"
                            unit: "{$.unit}"
                    """.formatted(runId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // every route file, as the hub runs (feeds, for one, need their route template); quiet neighbours
        properties.put("camel.main.routes-include-pattern", "file:routes/**/*.camel.yaml");
        properties.put("hub.opendata.run-at-start", "false");
        properties.put("hub.energiewetter.mqtt.enabled", "false");
        properties.put("hub.embedded.opcua.port", "0");
        properties.put("camel.server.enabled", "false");
        properties.put("camel.management.enabled", "false");
        properties.put("hub.data.dir", dir.toString());
        properties.put("hub.db.url", "jdbc:h2:mem:" + runId + ";DB_CLOSE_DELAY=-1");
        properties.put("hub.mqtt.mappings", dir.resolve("mappings.yaml").toString());
        properties.put("hub.mqtt.client-id", runId + "-hub");
        properties.put("hub.demo.enabled", "false");
        properties.put("hub.embedded.mqtt.enabled", "false");
        properties.put("hub.embedded.mqtt.port", "0");
        properties.put("hub.retry.max-attempts", "2");
        properties.put("hub.retry.initial-delay", "100");
        properties.put("hub.retry.max-delay", "200");
        properties.put("hub.mqtt.reconnect-delay", "PT0.2S");
        properties.put("hub.mqtt.reconnect-max-delay", "PT1S");
    }

    TestHub set(String key, String value) {
        properties.put(key, value);
        return this;
    }

    String topic(String meter) {
        return runId + "/meters/" + meter + "/reading";
    }

    TestHub start() {
        main = new Main();
        main.setPropertyPlaceholderLocations("file:config/application.properties");
        Properties p = new Properties();
        p.putAll(properties);
        main.setOverrideProperties(p);
        try {
            main.start();
        } catch (Exception e) {
            try {
                main.stop();
            } catch (Exception ignored) {
                // the start failed; release what did start
            }
            throw new IllegalStateException("test hub did not start: " + e.getMessage(), e);
        }
        return this;
    }

    CamelContext context() {
        return main.getCamelContext();
    }

    <T> T bean(String name, Class<T> type) {
        return context().getRegistry().lookupByNameAndType(name, type);
    }

    /** Rows in the store for assets of this run. */
    long storedRows() {
        return count("SELECT COUNT(*) FROM observation WHERE series_id LIKE ?");
    }

    /** Distinct (series, time) keys of this run: equal to {@link #storedRows()} unless something is duplicated. */
    long distinctKeys() {
        return count("SELECT COUNT(*) FROM (SELECT DISTINCT series_id, start_ts FROM observation WHERE series_id LIKE ?) d");
    }

    /**
     * For the stored readings of one asset prefix: how long after its own time (the publish time, when the device
     * sends that) each reading reached the hub's pipeline ({@code received_at}), in milliseconds, sorted.
     */
    double[] lagMillis(String assetPrefix) {
        try (Connection c = java.sql.DriverManager.getConnection(properties.get("hub.db.url"), "sa", "");
             PreparedStatement ps = c.prepareStatement("SELECT start_ts, received_at FROM observation WHERE series_id LIKE ?")) {
            ps.setString(1, assetPrefix + "%");
            java.util.List<Double> lags = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.time.Instant start = rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
                    java.time.Instant received = rs.getObject(2, java.time.OffsetDateTime.class).toInstant();
                    lags.add(java.time.Duration.between(start, received).toNanos() / 1e6);
                }
            }
            return lags.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long quarantined() {
        return count("SELECT COUNT(*) FROM quarantine WHERE payload LIKE ?");
    }

    private long count(String sql) {
        try (Connection c = java.sql.DriverManager.getConnection(properties.get("hub.db.url"), "sa", "");
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, sql.contains("quarantine") ? "%" + runId + "%" : runId + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void stop() {
        if (main != null) {
            try {
                main.stop();
                main.shutdown();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            main = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
