package de.stadtwerk.hub.quarantine;

import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.store.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;

class H2QuarantineSearchTest extends QuarantineSearchContract {

    @Override
    StoreDatabase open() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "quarantine-search");
        return TestDatabases.h2(dir);
    }

    @Override
    void close(StoreDatabase db) {
        db.close();
    }
}
