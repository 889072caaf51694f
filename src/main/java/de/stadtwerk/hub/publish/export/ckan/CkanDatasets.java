package de.stadtwerk.hub.publish.export.ckan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The datasets of {@code config/ckan-datasets.yaml} ({@code hub.export.ckan.datasets-file}). A broken entry is left
 * out with a message naming the file, its position and the reason; the others are published.
 */
public final class CkanDatasets {

    private static final Logger LOG = LoggerFactory.getLogger(CkanDatasets.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{2,100}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T[0-9:.]+(Z|[+-]\\d{2}:\\d{2})?)?");

    private final List<CkanDataset> datasets;
    private final List<String> errors;

    private CkanDatasets(List<CkanDataset> datasets, List<String> errors) {
        this.datasets = List.copyOf(datasets);
        this.errors = List.copyOf(errors);
    }

    /** No dataset (the export is off). */
    public static CkanDatasets none() {
        return new CkanDatasets(List.of(), List.of());
    }

    /** Reads the file; {@code feedExists} tells which feed ids are known. A missing file means no dataset. */
    public static CkanDatasets load(Path file, Predicate<String> feedExists) {
        if (!Files.exists(file)) {
            return new CkanDatasets(List.of(), List.of(file + ": file not found"));
        }
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            return parse(root, file.toString(), feedExists);
        } catch (IOException e) {
            String error = file + ": not readable YAML: " + e.getMessage();
            LOG.error("CKAN datasets left out: {}", error);
            return new CkanDatasets(List.of(), List.of(error));
        }
    }

    static CkanDatasets parse(JsonNode root, String where, Predicate<String> feedExists) {
        List<CkanDataset> result = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int i = 0;
        for (JsonNode n : root == null ? List.<JsonNode>of() : (Iterable<JsonNode>) root.path("datasets")::elements) {
            i++;
            String label = where + ": dataset #" + i + " (" + n.path("name").asText("?") + ")";
            try {
                CkanDataset d = dataset(n, feedExists);
                if (!names.add(d.name())) {
                    throw new IllegalArgumentException("name '" + d.name() + "' appears twice");
                }
                result.add(d);
            } catch (IllegalArgumentException e) {
                errors.add(label + ": " + e.getMessage());
                LOG.error("CKAN dataset left out: {}: {}", label, e.getMessage());
            }
        }
        return new CkanDatasets(result, errors);
    }

    private static CkanDataset dataset(JsonNode n, Predicate<String> feedExists) {
        String name = required(n, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name '" + name + "' must be 2-100 characters of a-z, 0-9, - and _");
        }
        Map<String, String> extras = new LinkedHashMap<>();
        JsonNode pub = n.path("publisher");
        putIf(extras, "publisher_name", pub.path("name").asText(null));
        putIf(extras, "publisher_url", pub.path("url").asText(null));
        putIf(extras, "publisher_email", pub.path("email").asText(null));
        JsonNode contact = n.path("contact");
        putIf(extras, "contact_name", contact.path("name").asText(null));
        putIf(extras, "contact_email", contact.path("email").asText(null));
        putIf(extras, "contact_url", contact.path("url").asText(null));
        List<String> contributors = list(n.path("contributor-id"));
        if (!contributors.isEmpty()) {
            extras.put("contributorID", new ObjectMapper().valueToTree(contributors).toString());
        }
        List<String> geocoding = list(n.path("political-geocoding-uri"));
        if (!geocoding.isEmpty()) {
            extras.put("politicalGeocodingURI", new ObjectMapper().valueToTree(geocoding).toString());
        }
        putIf(extras, "politicalGeocodingLevelURI", n.path("political-geocoding-level-uri").asText(null));
        JsonNode temporal = n.path("temporal");
        putIf(extras, "temporal_start", date(temporal.path("start"), "temporal.start"));
        putIf(extras, "temporal_end", date(temporal.path("end"), "temporal.end"));
        JsonNode spatial = n.path("spatial");
        if (spatial.isObject()) {
            if (!spatial.has("type") || !spatial.has("coordinates")) {
                throw new IllegalArgumentException("spatial must be a GeoJSON geometry with type and coordinates");
            }
            extras.put("spatial", spatial.toString());
        } else if (!spatial.isMissingNode() && !spatial.isNull()) {
            throw new IllegalArgumentException("spatial must be a GeoJSON geometry (an object), e.g. {type: Point,"
                    + " coordinates: [7.15, 51.26]}");
        }
        putIf(extras, "issued", date(n.path("issued"), "issued"));
        putIf(extras, "dcat_type", n.path("dcat-type").asText(null));
        JsonNode more = n.path("extras");
        more.fieldNames().forEachRemaining(k -> extras.put(k, more.get(k).isValueNode() ? more.get(k).asText()
                : more.get(k).toString()));
        List<CkanDataset.Resource> resources = new ArrayList<>();
        for (JsonNode r : (Iterable<JsonNode>) n.path("resources")::elements) {
            String feed = required(r, "feed");
            if (!feedExists.test(feed)) {
                throw new IllegalArgumentException("resource feed '" + feed + "' is not a feed of the feed file"
                        + " (hub.feeds.file)");
            }
            resources.add(new CkanDataset.Resource(feed, r.path("name").asText(feed), r.path("description").asText("")));
        }
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("no resources: name at least one feed under resources");
        }
        return new CkanDataset(name, required(n, "title"), n.path("notes").asText(""), required(n, "owner-org"),
                required(n, "license-id"), n.path("author").asText(null), n.path("author-email").asText(null),
                n.path("maintainer").asText(null), n.path("maintainer-email").asText(null), n.path("url").asText(null),
                list(n.path("tags")), list(n.path("groups")), extras, resources);
    }

    private static String date(JsonNode n, String key) {
        if (n.isMissingNode() || n.isNull() || n.asText().isBlank()) {
            return null;
        }
        String v = n.asText().trim();
        if (!DATE.matcher(v).matches()) {
            throw new IllegalArgumentException(key + " '" + v + "' is not an ISO date (yyyy-MM-dd) or date-time");
        }
        return v;
    }

    private static List<String> list(JsonNode n) {
        List<String> l = new ArrayList<>();
        if (n.isArray()) {
            ((ArrayNode) n).forEach(e -> l.add(e.asText()));
        } else if (n.isTextual() && !n.asText().isBlank()) {
            l.add(n.asText());
        }
        return l;
    }

    private static String required(JsonNode n, String key) {
        String v = n.path(key).asText("").trim();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("'" + key + "' is missing");
        }
        return v;
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (v != null && !v.isBlank()) {
            m.put(k, v);
        }
    }

    public List<CkanDataset> all() {
        return datasets;
    }

    public Optional<CkanDataset> find(String name) {
        return datasets.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** Entries that were left out, with the reason. */
    public List<String> errors() {
        return errors;
    }
}
