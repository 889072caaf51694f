package de.stadtwerk.hub.store;

class PostgresObservationStoreIT extends ObservationStoreContract {

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
