package de.stadtwerk.hub.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Test fixtures under {@code src/test/resources/fixtures/<format>/}. */
public final class Fixtures {

    private Fixtures() {
    }

    public static InputStream open(String format, String name) {
        InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + format + "/" + name);
        if (in == null) {
            throw new IllegalArgumentException("no fixture " + format + "/" + name);
        }
        return in;
    }

    public static byte[] bytes(String format, String name) {
        try (InputStream in = open(format, name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code length} bytes of a fixture: a download that broke off. */
    public static InputStream truncated(String format, String name, int length) {
        return new ByteArrayInputStream(Arrays.copyOf(bytes(format, name), length));
    }

    public static InputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
