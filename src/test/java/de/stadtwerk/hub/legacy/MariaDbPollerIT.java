package de.stadtwerk.hub.legacy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/**
 * Database polling against the machine's MariaDB as the legacy system ({@code -Dhub.test.mariadb.url}, default
 * {@code jdbc:mariadb://127.0.0.1:3306/test}, user root without password), in a database of its own that is
 * dropped afterwards. Skipped with a message when no MariaDB answers there.
 */
class MariaDbPollerIT extends DbPollerContract {

    static final String URL = System.getProperty("hub.test.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/test");
    static final String USER = System.getProperty("hub.test.mariadb.user", "root");

    private String database;
    private HikariDataSource legacy;

    @BeforeEach
    @Override
    void openHub() throws SQLException {
        database = "legacy_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            Assumptions.abort("MariaDB at " + URL + " is not available (" + e.getMessage()
                    + "); start it to run the legacy database polling tests against MariaDB");
        }
        legacy = new HikariDataSource();
        legacy.setJdbcUrl(URL.replaceFirst("/test(\\?|$)", "/" + database + "$1"));
        legacy.setUsername(USER);
        legacy.setPassword("");
        super.openHub();
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        if (legacy != null) {
            legacy.close();
        }
        try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database);
        }
    }

    @Override
    DataSource legacy() {
        return legacy;
    }

    @Override
    String timestampType() {
        return "DATETIME";
    }
}
