package de.stadtwerk.hub.legacy;

import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.parse.csv.CsvProfile;
import de.stadtwerk.hub.parse.csv.MeterCsvReader;
import de.stadtwerk.hub.quarantine.Rejection;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

/** A German meter CSV file read with its profile; the first bad cell makes the whole file unreadable. */
public final class CsvFormat implements FileFormat {

    private final CsvProfile profile;
    private final MeterCsvReader reader;

    public CsvFormat(CsvProfile profile) {
        this.profile = profile;
        this.reader = new MeterCsvReader(profile);
    }

    @Override
    public String dropName() {
        return "csv/" + profile.name();
    }

    @Override
    public List<Rejection> read(InputStream in, String fileName, Consumer<Observation> sink) {
        reader.read(in, fileName, sink);
        return List.of();
    }
}
