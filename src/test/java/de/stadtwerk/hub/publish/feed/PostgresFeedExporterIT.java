package de.stadtwerk.hub.publish.feed;

import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.store.TestDatabases;

class PostgresFeedExporterIT extends FeedExporterContract {

    private String schemaUrl;

    @Override
    StoreDatabase openDatabase() {
        schemaUrl = TestDatabases.newPostgresSchema();
        return TestDatabases.postgres(schemaUrl);
    }

    @Override
    void closeDatabase() {
        TestDatabases.dropPostgresSchema(schemaUrl);
    }
}
