package de.stadtwerk.hub.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Databases for store tests: a fresh H2 file database in a temporary folder, or a fresh schema in the machine's
 * PostgreSQL ({@code -Dhub.test.pg.url}, default {@code jdbc:postgresql://127.0.0.1:5432/test}, user
 * {@code -Dhub.test.pg.user}, default {@code postgres}). PostgreSQL tests are skipped with a message when no
 * server answers there.
 */
public final class TestDatabases {

    public static final String PG_URL = System.getProperty("hub.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String PG_USER = System.getProperty("hub.test.pg.user", "postgres");

    private TestDatabases() {
    }

    public static StoreDatabase h2(Path dir) {
        StoreDatabase db = StoreDatabase.open("", "", "", 4, dir);
        db.migrate();
        return db;
    }

    /** A new, empty schema; returns the JDBC URL that uses it. Skips the test when PostgreSQL is not there. */
    public static String newPostgresSchema() {
        String schema = "hub_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
             Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            Assumptions.abort("PostgreSQL at " + PG_URL + " is not available (" + e.getMessage()
                    + "); start it (see .ci/run) to run the PostgreSQL store tests");
        }
        return PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static StoreDatabase postgres(String schemaUrl) {
        StoreDatabase db = StoreDatabase.open(schemaUrl, PG_USER, "", 4, Path.of("target"));
        db.migrate();
        return db;
    }

    /** A migrated store for one test, closed (its PostgreSQL schema dropped) by try-with-resources. */
    public record Opened(StoreDatabase db, String schemaUrl) implements AutoCloseable {
        @Override
        public void close() {
            db.close();
            if (schemaUrl != null) {
                dropPostgresSchema(schemaUrl);
            }
        }
    }

    /** {@link #h2(Path)}, to be closed. */
    public static Opened openH2(Path dir) {
        return new Opened(h2(dir), null);
    }

    /** A fresh PostgreSQL schema with the store migrated, to be closed; skips the test without PostgreSQL. */
    public static Opened openPostgres() {
        String url = newPostgresSchema();
        try {
            return new Opened(postgres(url), url);
        } catch (RuntimeException e) {
            dropPostgresSchema(url);
            throw e;
        }
    }

    public static void dropPostgresSchema(String schemaUrl) {
        String schema = schemaUrl.substring(schemaUrl.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
             Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            // best effort: a left-over test schema does no harm
        }
    }
}
