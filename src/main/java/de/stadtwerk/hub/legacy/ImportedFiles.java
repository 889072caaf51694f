package de.stadtwerk.hub.legacy;

import de.stadtwerk.hub.store.StoreUnavailableException;
import de.stadtwerk.hub.store.internal.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The idempotent repository of file imports, in the hub's own database (table {@code legacy_imported_file}):
 * one row per imported content, keyed by its SHA-256. A row is written only after every value of the file is
 * committed, so a file whose import was interrupted is imported again (the store's upsert makes that safe).
 */
public class ImportedFiles {

    /** An earlier import of the same content. */
    public record Entry(String contentHash, String dropName, String fileName, long sizeBytes, long valueCount,
                        Instant importedAt) {
    }

    private final DataSource dataSource;

    public ImportedFiles(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Entry> find(String contentHash) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT content_hash, drop_name, file_name, size_bytes,"
                     + " value_count, imported_at FROM legacy_imported_file WHERE content_hash = ?")) {
            ps.setString(1, contentHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), Jdbc.getInstant(rs, "imported_at"))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read the imported-file repository: " + e.getMessage(), e);
        }
    }

    /** Records an import; a second record of the same content (two instances raced) is ignored. */
    public void record(Entry entry) {
        try (Connection c = dataSource.getConnection()) {
            if (find(entry.contentHash()).isPresent()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO legacy_imported_file (content_hash, drop_name,"
                    + " file_name, size_bytes, value_count, imported_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, entry.contentHash());
                ps.setString(2, entry.dropName());
                ps.setString(3, entry.fileName().length() > 1000 ? entry.fileName().substring(0, 1000) : entry.fileName());
                ps.setLong(4, entry.sizeBytes());
                ps.setLong(5, entry.valueCount());
                Jdbc.setInstant(ps, 6, entry.importedAt());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                    return;
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not write the imported-file repository: " + e.getMessage(), e);
        }
    }
}
