package de.stadtwerk.hub.publish.export;

import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.store.TestDatabases;
import java.nio.file.Path;

/** The SensorThings push, its watermarks and dead letters on the machine's PostgreSQL (migration V7 there). */
class PostgresSensorThingsPushIT extends SensorThingsPushContract {

    private String schemaUrl;

    @Override
    StoreDatabase openDatabase(Path dir) {
        schemaUrl = TestDatabases.newPostgresSchema();
        return TestDatabases.postgres(schemaUrl);
    }

    @Override
    void closeDatabase() {
        TestDatabases.dropPostgresSchema(schemaUrl);
    }
}
