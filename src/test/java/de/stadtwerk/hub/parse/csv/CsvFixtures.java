package de.stadtwerk.hub.parse.csv;

import de.stadtwerk.hub.model.Observation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/** Fixtures under {@code fixtures/csv/} and the shipped profiles under {@code config/csv-profiles/}. */
final class CsvFixtures {

    static final Path PROFILES = Paths.get("config", "csv-profiles");

    private CsvFixtures() {
    }

    static CsvProfile profile(String name) {
        return CsvProfiles.load(PROFILES, name);
    }

    static InputStream open(String name) {
        InputStream in = CsvFixtures.class.getResourceAsStream("/fixtures/csv/" + name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("fixture " + name + " missing"));
        }
        return in;
    }

    static byte[] bytes(String name) {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Observation> read(String profile, String fixture) {
        try (InputStream in = open(fixture)) {
            return new MeterCsvReader(profile(profile)).readAll(in, fixture);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
