package de.stadtwerk.hub.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.store.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster read lock of the file drops on PostgreSQL (skipped without it), two repositories standing for two
 * instances: a file is locked by one only, an orphan (holder dead) is taken over by one, and the race of Camel's
 * repository (a lock inserted by another instance between its two reads) is refused.
 */
class FileLocksTest {

    private String schemaUrl;
    private StoreDatabase db;
    private DefaultCamelContext context;
    private FileLocks a;
    private FileLocks b;

    @BeforeEach
    void setUp() throws Exception {
        schemaUrl = TestDatabases.newPostgresSchema();
        db = TestDatabases.postgres(schemaUrl);
        context = new DefaultCamelContext();
        context.start();
        a = locks();
        b = locks();
    }

    private FileLocks locks() {
        FileLocks l = new FileLocks(db.dataSource(), "legacy-file-drops", context);
        l.setLockMaxAgeMillis(30_000);
        l.setLockKeepAliveIntervalMillis(5_000);
        l.start();
        return l;
    }

    @AfterEach
    void tearDown() {
        if (a != null) {
            a.stop();
            b.stop();
        }
        if (context != null) {
            context.stop();
        }
        if (db != null) {
            db.close();
        }
        if (schemaUrl != null) {
            TestDatabases.dropPostgresSchema(schemaUrl);
        }
    }

    @Test
    void aFileIsLockedByOneInstanceUntilItIsReleased() {
        assertThat(a.add("/inbox/mscons/one.edi")).isTrue();
        assertThat(b.add("/inbox/mscons/one.edi")).as("held by a").isFalse();
        // Camel's file consumer releases the lock of a file it could not lock: that must not free a's lock
        assertThat(b.remove("/inbox/mscons/one.edi")).as("b holds nothing to release").isFalse();
        assertThat(b.add("/inbox/mscons/one.edi")).as("still held by a").isFalse();
        assertThat(a.holds("/inbox/mscons/one.edi")).isTrue();
        assertThat(b.add("/inbox/mscons/two.edi")).as("other files are free").isTrue();
        assertThat(a.remove("/inbox/mscons/one.edi")).isTrue();
        assertThat(b.add("/inbox/mscons/one.edi")).as("released").isTrue();
    }

    @Test
    void theLockOfADeadInstanceIsTakenOverByOneInstanceOnly() throws SQLException {
        lockRow("/inbox/mscons/orphan.edi", System.currentTimeMillis() - 60_000);
        assertThat(a.add("/inbox/mscons/orphan.edi")).as("older than the max age: taken over").isTrue();
        assertThat(a.getProcessorNameMessageIdSet()).as("and kept alive by its new holder").hasSize(1);
        assertThat(b.add("/inbox/mscons/orphan.edi")).as("now held by a").isFalse();
    }

    @Test
    void aLockInsertedByAnotherInstanceAfterTheFirstReadIsNotTakenOver() throws SQLException {
        // add() read no fresh lock; then another instance inserted one, before insert() runs
        lockRow("/inbox/mscons/race.edi", System.currentTimeMillis());
        assertThatThrownBy(() -> a.insert("/inbox/mscons/race.edi")).hasMessageContaining("another instance");
    }

    private void lockRow(String key, long createdAt) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO legacy_file_lock (processorName, messageId, createdAt) VALUES (?, ?, ?)")) {
            ps.setString(1, "legacy-file-drops");
            ps.setString(2, key);
            ps.setTimestamp(3, new Timestamp(createdAt));
            ps.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }
}
