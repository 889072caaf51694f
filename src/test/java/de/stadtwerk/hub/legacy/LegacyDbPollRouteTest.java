package de.stadtwerk.hub.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The polling route (routes/legacy/db-poll.camel.yaml) configured by keys alone: an in-memory H2 plays the
 * legacy database, Quartz fires every second, the mapping comes from hub.legacy.db.map.*.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "camel.server.enabled=false", "camel.management.enabled=false",
            "hub.db.url=jdbc:h2:mem:legacy-db-route-test;DB_CLOSE_DELAY=-1",
            "hub.data.dir=target/legacy-db-route-test", "hub.retry.max-attempts=0",
            "hub.legacy.db.url=jdbc:h2:mem:legacy-billing;DB_CLOSE_DELAY=-1", "hub.legacy.db.user=sa",
            "hub.legacy.db.name=billing", "hub.legacy.db.cron=* * * * * ?",
            "hub.legacy.db.query=SELECT zp, wert, ab, bis, geaendert FROM lastgang",
            "hub.legacy.db.watermark.column=geaendert", "hub.legacy.db.watermark.type=number",
            "hub.legacy.db.map.asset=zp", "hub.legacy.db.map.quantity='energy_import'", "hub.legacy.db.map.value=wert",
            "hub.legacy.db.map.unit='kWh'", "hub.legacy.db.map.start=ab", "hub.legacy.db.map.end=bis"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyDbPollRouteTest {

    @BeanInject("hubDataSource")
    DataSource hub;

    @Test
    void rowsOfTheLegacyTableArriveOnTheScheduleAndOnlyOnce() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:legacy-billing;DB_CLOSE_DELAY=-1", "sa", "");
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE lastgang (zp VARCHAR(40), wert DECIMAL(10,3), ab TIMESTAMP, bis TIMESTAMP, geaendert BIGINT)");
            st.execute("INSERT INTO lastgang VALUES ('ROUTE-DB-1', 1.5, TIMESTAMP '2024-07-01 00:00:00',"
                    + " TIMESTAMP '2024-07-01 00:15:00', 1), ('ROUTE-DB-1', 2.5, TIMESTAMP '2024-07-01 00:15:00',"
                    + " TIMESTAMP '2024-07-01 00:30:00', 2)");
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> count("SELECT COUNT(*) FROM observation WHERE series_id = 'ROUTE-DB-1.energy_import'") == 2);
        assertThat(count("SELECT COUNT(*) FROM observation WHERE series_id = 'ROUTE-DB-1.energy_import'"
                + " AND start_ts = TIMESTAMP WITH TIME ZONE '2024-06-30 22:00:00+00' AND val = 1500")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT COUNT(*) FROM legacy_watermark WHERE name = 'db:billing'"
                + " AND hw_value = '2'") == 1);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = hub.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
