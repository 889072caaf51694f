package de.stadtwerk.hub.parse.mscons;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Access to {@code src/test/resources/fixtures/mscons/}. */
final class MsconsFixtures {

    private MsconsFixtures() {
    }

    static Path path(String name) {
        try {
            return Paths.get(MsconsFixtures.class.getResource("/fixtures/mscons/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("fixture " + name + " missing", e);
        }
    }

    static InputStream open(String name) {
        InputStream in = MsconsFixtures.class.getResourceAsStream("/fixtures/mscons/" + name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("fixture " + name + " missing"));
        }
        return in;
    }

    static MsconsResult parse(String name) {
        return new MsconsParser().parseAll(path(name));
    }
}
