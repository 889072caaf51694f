package de.stadtwerk.hub.field.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.stadtwerk.hub.embedded.EmbeddedMqttBroker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * B4 through the real route files: meter register readings over MQTT (embedded broker) — a decrease is stored
 * INVALID, a roll-over SUSPECT, the readings around them MEASURED, none quarantined; the metric
 * {@code hub_observations_flagged_total{check}} counts them.
 */
class CounterFlagsMqttIT {

    private static String reading(String meter, int minute, String kwh) {
        Instant ts = Instant.parse("2026-11-26T09:00:00Z").plusSeconds(60L * minute);
        return String.format(Locale.ROOT, "{\"meter\":\"%s\",\"ts\":\"%s\",\"obis\":\"1-0:1.8.0\",\"value\":%s,\"unit\":\"kWh\"}",
                meter, ts, kwh);
    }

    @Test
    void aDecreaseIsStoredInvalidARollOverSuspectAndNothingIsDropped() throws Exception {
        try (TestHub hub = new TestHub().set("hub.embedded.mqtt.enabled", "true").set("hub.embedded.mqtt.port", "0")
                .set("hub.embedded.mqtt.persistence", "in-memory").start()) {
            await().atMost(Duration.ofSeconds(120)).until(() -> hub.context().getRoute("field-meters-mqtt").getConsumer()
                    instanceof MqttIngestConsumer c && c.connectedCount() == c.connectionCount() && c.connectionCount() > 0);
            String a = hub.runId + "-a";
            String b = hub.runId + "-b";
            try (TestPublisher device = new TestPublisher(hub.bean("embeddedMqttBroker", EmbeddedMqttBroker.class).url(),
                    hub.runId + "-dev")) {
                String[][] sequence = {{a, "0", "1000"}, {a, "1", "1010"}, {a, "2", "990"}, {a, "3", "1020"},
                    {b, "0", "99987"}, {b, "1", "12"}, {b, "2", "40"}};
                for (String[] r : sequence) {
                    device.publish(hub.topic(r[0]), reading(r[0], Integer.parseInt(r[1]), r[2]));
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> hub.storedRows() == 7);
            assertThat(qualities(hub, a)).containsExactly("MEASURED", "MEASURED", "INVALID", "MEASURED");
            assertThat(qualities(hub, b)).containsExactly("MEASURED", "SUSPECT", "MEASURED");
            assertThat(hub.quarantined()).isZero();
            MeterRegistry metrics = hub.context().getRegistry().findSingleByType(MeterRegistry.class);
            assertThat(flagged(metrics, "counter_decrease")).isEqualTo(1.0);
            assertThat(flagged(metrics, "counter_rollover")).isEqualTo(1.0);
        }
    }

    private static double flagged(MeterRegistry metrics, String check) {
        Counter c = metrics.find("hub.observations.flagged").tag("check", check).counter();
        return c == null ? 0 : c.count();
    }

    private static List<String> qualities(TestHub hub, String asset) throws Exception {
        List<String> q = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(hub.properties.get("hub.db.url"), "sa", "");
             PreparedStatement ps = c.prepareStatement("SELECT quality FROM observation WHERE series_id = ? ORDER BY start_ts")) {
            ps.setString(1, asset + ".energy_import.1-0:1.8.0");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    q.add(rs.getString(1));
                }
            }
        }
        return q;
    }
}
