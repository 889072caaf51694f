package de.stadtwerk.hub.legacy;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/** Database polling with an in-memory H2 as the legacy database. */
class DbPollerTest extends DbPollerContract {

    private HikariDataSource legacy;

    @Override
    DataSource legacy() {
        if (legacy == null) {
            legacy = new HikariDataSource();
            legacy.setJdbcUrl("jdbc:h2:mem:legacy-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            legacy.setUsername("sa");
        }
        return legacy;
    }

    @AfterEach
    void closeLegacy() {
        legacy.close();
    }
}
