package de.stadtwerk.hub.opendata;

import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.store.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The open-data tables on the machine's PostgreSQL (skipped with a message where there is none). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresOpenDataStoresIT extends OpenDataStoresContract {

    private String url;
    private StoreDatabase db;

    @BeforeAll
    void open() {
        url = TestDatabases.newPostgresSchema();
        db = TestDatabases.postgres(url);
    }

    @AfterAll
    void close() {
        if (db != null) {
            db.close();
            TestDatabases.dropPostgresSchema(url);
        }
    }

    @Override
    StoreDatabase db() {
        return db;
    }
}
