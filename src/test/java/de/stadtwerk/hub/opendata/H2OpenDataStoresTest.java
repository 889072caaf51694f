package de.stadtwerk.hub.opendata;

import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.store.TestDatabases;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2OpenDataStoresTest extends OpenDataStoresContract {

    private StoreDatabase db;

    @BeforeAll
    void open() throws Exception {
        db = TestDatabases.h2(Files.createTempDirectory("opendata-stores"));
    }

    @AfterAll
    void close() {
        db.close();
    }

    @Override
    StoreDatabase db() {
        return db;
    }
}
