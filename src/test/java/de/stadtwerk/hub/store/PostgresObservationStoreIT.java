package de.stadtwerk.hub.store;

class PostgresObservationStoreIT extends ObservationStoreContract {

    private String schemaUrl;

    @Override
    StoreDatabase openDatabase() {
        schemaUrl = TestDatabases.newPostgresSchema();
        return TestDatabases.postgres(schemaUrl);
    }

    @Override
    boolean reportsRowCounts() {
        return true;
    }

    @Override
    void closeDatabase() {
        TestDatabases.dropPostgresSchema(schemaUrl);
    }
}
