package de.stadtwerk.hub.publish.feed;

import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.store.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2FeedExporterTest extends FeedExporterContract {

    @TempDir
    Path dir;

    @Override
    StoreDatabase openDatabase() {
        return TestDatabases.h2(dir);
    }
}
