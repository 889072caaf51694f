package de.stadtwerk.hub.quarantine;

import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.store.TestDatabases;

/** The console's quarantine filter on the machine's PostgreSQL (skipped with a message when there is none). */
class PostgresQuarantineSearchIT extends QuarantineSearchContract {

    private String schemaUrl;

    @Override
    StoreDatabase open() {
        schemaUrl = TestDatabases.newPostgresSchema();
        return TestDatabases.postgres(schemaUrl);
    }

    @Override
    void close(StoreDatabase db) {
        db.close();
        TestDatabases.dropPostgresSchema(schemaUrl);
    }
}
