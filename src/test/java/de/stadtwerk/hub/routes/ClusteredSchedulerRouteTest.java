package de.stadtwerk.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With hub.scheduler.clustered=true, quartz routes run on the JDBC job store in the hub's database. */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "camel.main.routes-include-pattern=file:routes/**/*.camel.yaml,classpath:test-routes-quartz/*.camel.yaml",
            "camel.server.enabled=false", "camel.management.enabled=false", "hub.scheduler.clustered=true",
            "hub.db.url=jdbc:h2:mem:quartz-route-test;DB_CLOSE_DELAY=-1", "hub.data.dir=target/quartz-route-test"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusteredSchedulerRouteTest {

    @BeanInject
    CamelContext context;

    @BeanInject("hubDataSource")
    DataSource dataSource;

    @EndpointInject("mock:quartz-fired")
    MockEndpoint fired;

    @Test
    void aQuartzRouteFiresFromTheClusteredJdbcJobStore() throws Exception {
        fired.expectedMinimumMessageCount(2);
        fired.assertIsSatisfied(15_000);
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        assertThat(quartz.getScheduler().getMetaData().isJobStoreClustered()).isTrue();
        assertThat(quartz.getScheduler().getMetaData().getJobStoreClass().getSimpleName()).isEqualTo("JobStoreTX");
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM QRTZ_CRON_TRIGGERS WHERE TRIGGER_NAME = 'probe' AND TIME_ZONE_ID = 'Europe/Berlin'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }
}
