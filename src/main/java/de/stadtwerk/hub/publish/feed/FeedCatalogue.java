package de.stadtwerk.hub.publish.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feeds of {@code config/feeds.yaml} ({@code hub.feeds.file}). A broken entry is reported (log and
 * {@link #errors()}) with the file, its position and the reason, and left out; the other feeds run.
 */
public final class FeedCatalogue {

    private static final Logger LOG = LoggerFactory.getLogger(FeedCatalogue.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, FeedDefinition> feeds;
    private final List<String> errors;

    FeedCatalogue(Map<String, FeedDefinition> feeds, List<String> errors) {
        this.feeds = Collections.unmodifiableMap(feeds);
        this.errors = List.copyOf(errors);
    }

    /** Reads the file; a missing file means no feeds. */
    public static FeedCatalogue load(Path file) {
        if (!Files.exists(file)) {
            LOG.info("No feed file {}: no scheduled feeds", file);
            return new FeedCatalogue(new LinkedHashMap<>(), List.of());
        }
        try {
            return parse(YAML.readTree(file.toFile()), file.toString());
        } catch (IOException e) {
            String msg = file + ": not readable as YAML: " + e.getMessage();
            LOG.error("Feeds: {}", msg);
            return new FeedCatalogue(new LinkedHashMap<>(), List.of(msg));
        }
    }

    /** Parses the tree of a feed file ({@code feeds:} followed by a list). */
    public static FeedCatalogue parse(JsonNode root, String where) {
        Map<String, FeedDefinition> feeds = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        JsonNode list = root == null ? null : root.get("feeds");
        if (list == null || list.isNull()) {
            return new FeedCatalogue(feeds, errors);
        }
        if (!list.isArray()) {
            errors.add(where + ": 'feeds' must be a list of feeds");
        } else {
            for (int i = 0; i < list.size(); i++) {
                JsonNode entry = list.get(i);
                String label = where + ": feed #" + (i + 1) + (entry.hasNonNull("id") ? " (" + entry.get("id").asText() + ")" : "");
                try {
                    FeedDefinition f = YAML.treeToValue(entry, FeedDefinition.class);
                    if (feeds.putIfAbsent(f.id(), f) != null) {
                        errors.add(label + ": the id is used twice");
                    }
                } catch (IOException | IllegalArgumentException e) {
                    errors.add(label + ": " + rootMessage(e));
                }
            }
        }
        errors.forEach(e -> LOG.error("Feed left out: {}", e));
        return new FeedCatalogue(feeds, errors);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }

    public Optional<FeedDefinition> find(String id) {
        return Optional.ofNullable(feeds.get(id));
    }

    public FeedDefinition get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no feed with id '" + id + "'"));
    }

    public List<FeedDefinition> all() {
        return List.copyOf(feeds.values());
    }

    /** What was wrong with the entries that were left out. */
    public List<String> errors() {
        return errors;
    }
}
