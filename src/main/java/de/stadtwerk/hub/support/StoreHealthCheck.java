package de.stadtwerk.hub.support;

import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of the store: DOWN until the schema is migrated and whenever no valid connection can be had within
 * two seconds, so that a load balancer and the operator see a store outage at {@code /observe/health/ready}.
 * Not a liveness check: a database outage is no reason to restart the hub.
 */
public class StoreHealthCheck extends AbstractHealthCheck {

    private final DataSource dataSource;
    private volatile boolean migrated;

    public StoreHealthCheck(DataSource dataSource) {
        super("hub", "store");
        this.dataSource = dataSource;
    }

    public void markMigrated() {
        migrated = true;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (!migrated) {
            builder.down().message("store schema not migrated yet");
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            if (c.isValid(2)) {
                builder.up();
            } else {
                builder.down().message("store connection is not valid");
            }
        } catch (Exception e) {
            builder.down().message("store unavailable: " + e.getMessage());
        }
    }
}
