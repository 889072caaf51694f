package de.stadtwerk.hub.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2ObservationStoreIT extends ObservationStoreContract {

    @TempDir
    Path dir;

    @Override
    StoreDatabase openDatabase() {
        return TestDatabases.h2(dir);
    }
}
