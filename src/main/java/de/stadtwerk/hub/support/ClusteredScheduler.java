package de.stadtwerk.hub.support;

import de.stadtwerk.hub.store.SqlDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * The Quartz scheduler behind every {@code quartz:} route when {@code hub.scheduler.clustered=true}: a JDBC job
 * store in the hub's own database (tables from migration V5), clustered, so that with several hub instances on
 * one database each firing runs on exactly one instance and a surviving instance takes over the jobs of one
 * that died (after {@code hub.scheduler.cluster-checkin-interval} and the misfire threshold).
 */
public final class ClusteredScheduler {

    static final String DATA_SOURCE_NAME = "hubStore";

    private ClusteredScheduler() {
    }

    /** Quartz properties for the hub's clustered JDBC job store. */
    static Properties properties(SqlDialect dialect, String instanceName, long checkinIntervalMs, int threads) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", instanceName);
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(threads));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", dialect == SqlDialect.POSTGRESQL
                ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE_NAME);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(checkinIntervalMs));
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        return p;
    }

    /** Creates (not starts) the scheduler on the hub's data source; Camel's quartz component starts it. */
    public static Scheduler create(DataSource dataSource, SqlDialect dialect, String instanceName, long checkinIntervalMs,
                                   int threads) throws SchedulerException {
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE_NAME, new PooledConnections(dataSource));
        StdSchedulerFactory factory = new StdSchedulerFactory(properties(dialect, instanceName, checkinIntervalMs, threads));
        return factory.getScheduler();
    }

    /** Hands Quartz connections from the hub's pool; the pool is closed by the hub, not by Quartz. */
    private record PooledConnections(DataSource dataSource) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // the hub closes its pool on stop
        }

        @Override
        public void initialize() {
            // nothing to set up
        }
    }
}
