package de.stadtwerk.hub.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one fault test (docs/reliability.md): what was done, the load, what was lost and doubled, the
 * recovery time and other measured values, written to {@code target/reliability/<id>.json} and printed.
 * {@code bench/reliability.sh} collects them into a table. {@code -Dreliability.long=true} selects the long
 * variants (bigger counts, the catalogue's full outage times).
 */
public final class ReliabilityFigures {

    static final Path DIR = Path.of("target", "reliability");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Object> values = new LinkedHashMap<>();

    public ReliabilityFigures(String id, String scenario) {
        values.put("id", id);
        values.put("scenario", scenario);
        values.put("variant", isLong() ? "long" : "default");
    }

    /** The long variant: -Dreliability.long=true (bench/reliability.sh). */
    public static boolean isLong() {
        return Boolean.getBoolean("reliability.long");
    }

    /** {@code shortValue} in the default run, {@code longValue} with -Dreliability.long=true. */
    public static int pick(int shortValue, int longValue) {
        return isLong() ? longValue : shortValue;
    }

    public ReliabilityFigures put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    /** Writes the figures (at the end of a test, also when an assertion later fails, so a failed run is visible). */
    public void write() {
        values.put("measuredAt", Instant.now().toString());
        values.put("machine", Runtime.getRuntime().availableProcessors() + " cores");
        try {
            Files.createDirectories(DIR);
            String id = String.valueOf(values.get("id"));
            Files.writeString(DIR.resolve(id + ".json"), JSON.writeValueAsString(values));
            System.out.println("RELIABILITY " + id + ": " + JSON.writer().withoutFeatures(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(values));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
