package de.stadtwerk.hub.support;

import de.stadtwerk.hub.store.StoreDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates the store at start. When the database cannot be reached (or the migration fails), the hub keeps
 * starting with readiness DOWN ("store schema not migrated yet"), and a background thread tries again every
 * {@code hub.db.migrate-retry-interval} ms; sources meanwhile get {@code StoreUnavailableException} and do not
 * acknowledge, so nothing is lost.
 */
final class StoreMigration {

    private static final Logger LOG = LoggerFactory.getLogger(StoreMigration.class);

    private final StoreDatabase db;
    private final StoreHealthCheck health;
    private final long retryMillis;

    StoreMigration(StoreDatabase db, StoreHealthCheck health, long retryMillis) {
        this.db = db;
        this.health = health;
        this.retryMillis = Math.max(100, retryMillis);
    }

    /** Migrates now; on failure, goes on in a daemon thread until it succeeds. */
    void start() {
        if (tryOnce()) {
            return;
        }
        Thread retry = new Thread(this::retryUntilMigrated, "hub-store-migration");
        retry.setDaemon(true);
        retry.start();
    }

    private boolean tryOnce() {
        try {
            db.migrate();
            health.markMigrated();
            return true;
        } catch (RuntimeException e) {
            LOG.error("Store {} is not ready: {}. The hub runs with readiness DOWN and tries again every {} ms.",
                    db.redactedUrl(), rootMessage(e), retryMillis);
            return false;
        }
    }

    private void retryUntilMigrated() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(retryMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (db.dataSource().isClosed()) {
                return;
            }
            try {
                db.migrate();
                health.markMigrated();
                LOG.info("Store {} reached and migrated; readiness follows the store again.", db.redactedUrl());
                return;
            } catch (RuntimeException e) {
                LOG.debug("Store still not ready: {}", rootMessage(e));
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
