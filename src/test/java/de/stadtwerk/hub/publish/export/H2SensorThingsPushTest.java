package de.stadtwerk.hub.publish.export;

import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.store.TestDatabases;
import java.nio.file.Path;

class H2SensorThingsPushTest extends SensorThingsPushContract {

    @Override
    StoreDatabase openDatabase(Path dir) {
        return TestDatabases.h2(dir);
    }
}
