package de.stadtwerk.hub.opendata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Serves the recorded answers shipped with the hub ({@code hub.opendata.mode=replay}, the embedded default): the
 * file {@code <replayName>} under {@code hub.opendata.replay.dir} when that is set, else the classpath folder
 * {@code opendata-replay/} (src/main/resources/opendata-replay, with SOURCES.md for origin and licence). The answer
 * goes through the same validator cache and the same parser as a live one, so replay shows the real behaviour
 * offline: the first run imports, later runs find the answer unchanged.
 */
public class ReplaySource implements OpenDataClient {

    /** Classpath folder of the shipped recordings. */
    public static final String CLASSPATH_ROOT = "opendata-replay/";

    private final FetchCache cache;
    private final Path dir;
    private final Clock clock;

    /** @param dir folder of recordings, or null for the shipped ones on the classpath */
    public ReplaySource(FetchCache cache, Path dir, Clock clock) {
        this.cache = cache;
        this.dir = dir;
        this.clock = clock;
    }

    @Override
    public OpenDataAnswer fetch(OpenDataRequest request) {
        byte[] body = load(request.replayName());
        if (body == null) {
            return OpenDataAnswer.without(request, OpenDataAnswer.Status.NOT_FOUND, 404, clock.instant(),
                    "no recording '" + request.replayName() + "' (replay mode; set hub.opendata.mode=live to fetch "
                            + request.url() + ")");
        }
        if (body.length > request.maxBytes()) {
            return OpenDataAnswer.without(request, OpenDataAnswer.Status.REJECTED, 200, clock.instant(),
                    "the answer is larger than " + request.maxBytes() + " bytes");
        }
        String sha = FetchCache.sha256(body);
        OpenDataAnswer answer = new OpenDataAnswer(request, OpenDataAnswer.Status.FRESH, 200, body, null, null,
                "\"" + sha.substring(0, 32) + "\"", null, sha, clock.instant(), "replayed " + request.replayName());
        Optional<FetchCache.Entry> cached = cache.get(request.url());
        return cached.map(FetchCache.Entry::sha256).filter(sha::equals).isPresent() ? answer.asUnchanged() : answer;
    }

    private byte[] load(String name) {
        if (name == null || name.contains("..")) {
            return null;
        }
        try {
            if (dir != null) {
                Path p = dir.resolve(name);
                return Files.isRegularFile(p) ? Files.readAllBytes(p) : null;
            }
            try (InputStream in = ReplaySource.class.getClassLoader().getResourceAsStream(CLASSPATH_ROOT + name)) {
                return in == null ? null : in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("recording " + name + " cannot be read: " + e.getMessage(), e);
        }
    }
}
