package de.stadtwerk.hub.legacy;

import java.sql.Timestamp;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;

/**
 * The cluster read lock of the file drops: camel-sql's orphan-lock-aware JDBC repository on the table
 * {@code legacy_file_lock} (migration V8), one row per file in import, refreshed by its holder and taken over when
 * the holder stopped refreshing it for the max age (it died).
 *
 * <p>Camel 4.17's repository can grant one lock twice: {@code add} first counts the fresh rows, then {@code insert}
 * counts again and, when it now finds a row (another instance inserted it in between), treats it as an orphan and
 * takes it over (CAMEL-23294). Here {@code insert} deletes a row only when it really is an orphan (older than the max
 * age) and refuses a row that is still there; a concurrent insert fails on the primary key. A refused lock ends the
 * read-lock attempt with an exception, which the file consumer takes as "locked elsewhere" and skips the file.
 *
 * <p>Camel's file consumer also releases the read lock of a file it could not lock (its abort path removes the key),
 * which would delete the lock of the instance that holds it. Here a lock is deleted only by the instance that took it.
 */
public class FileLocks extends JdbcOrphanLockAwareIdempotentRepository {

    static final String TABLE = "legacy_file_lock";

    /** The files this instance holds a lock on. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    public FileLocks(DataSource dataSource, String processorName, CamelContext context) {
        super(dataSource, processorName, context);
        setTableName(TABLE);
        setCreateTableIfNotExists(false);
        setTableExistsString("SELECT 1 FROM " + TABLE + " WHERE 1 = 0");
        setQueryString("SELECT COUNT(*) FROM " + TABLE + " WHERE processorName = ? AND messageId = ?");
        setInsertString("INSERT INTO " + TABLE + " (processorName, messageId, createdAt) VALUES (?, ?, ?)");
        setDeleteString("DELETE FROM " + TABLE + " WHERE processorName = ? AND messageId = ?");
        setClearString("DELETE FROM " + TABLE + " WHERE processorName = ?");
        setUpdateTimestampQuery("UPDATE " + TABLE + " SET createdAt = ? WHERE processorName = ? AND messageId = ?");
    }

    @Override
    protected int insert(String key) {
        Timestamp orphanedBefore = new Timestamp(System.currentTimeMillis() - getLockMaxAgeMillis());
        jdbcTemplate.update("DELETE FROM " + TABLE + " WHERE processorName = ? AND messageId = ? AND createdAt < ?",
                processorName, key, orphanedBefore);
        Integer rows = jdbcTemplate.queryForObject(getQueryString(), Integer.class, processorName, key);
        if (rows != null && rows > 0) {
            throw new IllegalStateException("the file " + key + " is being imported by another instance");
        }
        int inserted = super.insert(key);
        held.add(key);
        return inserted;
    }

    @Override
    protected int delete(String key) {
        return held.remove(key) ? super.delete(key) : 0;
    }

    /** Whether this instance holds the lock of a file. */
    public boolean holds(String key) {
        return held.contains(key);
    }
}
