package de.stadtwerk.hub.publish.export.ckan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.stadtwerk.hub.publish.export.DeadLetter;
import de.stadtwerk.hub.publish.export.DeadLetterReplayer;
import de.stadtwerk.hub.publish.export.DeadLetterStore;
import de.stadtwerk.hub.publish.export.ExportFailedException;
import de.stadtwerk.hub.publish.export.ExportRejectedException;
import de.stadtwerk.hub.publish.export.Retrier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the datasets of {@code config/ckan-datasets.yaml} on a CKAN portal (bean {@code ckanExport}, route
 * routes/publish/ckan-export.camel.yaml): creates the dataset or patches its metadata, then uploads the current
 * file of each of its feeds as a resource (a new resource the first time, a new version of it afterwards). A
 * dataset the portal does not take after the retries is parked as a dead letter; a later successful run supersedes it.
 */
public class CkanExport implements DeadLetterReplayer {

    public static final String TARGET = "ckan";
    /** Resource field that ties a CKAN resource to its feed. */
    static final String FEED_FIELD = "hub_feed";

    private static final Logger LOG = LoggerFactory.getLogger(CkanExport.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one run did. */
    public record RunResult(boolean enabled, int datasets, int published, int parked, boolean stopped) {
    }

    private final boolean enabled;
    private final CkanClient client;
    private final CkanDatasets datasets;
    private final FeedFiles feedFiles;
    private final DeadLetterStore deadLetters;
    private final Retrier retrier;
    private final Clock clock;
    private final ZoneId zone;

    public CkanExport(boolean enabled, CkanClient client, CkanDatasets datasets, FeedFiles feedFiles,
                      DeadLetterStore deadLetters, Retrier retrier, Clock clock, ZoneId zone) {
        this.enabled = enabled;
        this.client = client;
        this.datasets = datasets;
        this.feedFiles = feedFiles;
        this.deadLetters = deadLetters;
        this.retrier = retrier;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public String target() {
        return TARGET;
    }

    /** Publishes every dataset; stops when the portal is down or refuses the token. */
    public synchronized RunResult publishAll() {
        if (!enabled) {
            LOG.debug("CKAN export is off (hub.export.ckan.enabled=false)");
            return new RunResult(false, 0, 0, 0, false);
        }
        int published = 0;
        int parked = 0;
        for (CkanDataset d : datasets.all()) {
            try {
                publish(d);
                published++;
            } catch (ExportFailedException e) {
                long id = deadLetters.park(TARGET, d.name(), JSON.createObjectNode().put("dataset", d.name()).toString(),
                        d.resources().size(), e.describe(), e.attempts());
                parked++;
                LOG.error("CKAN: dataset {} not published, parked as dead letter {}: {}", d.name(), id, e.describe());
                if (!e.rejected() || e.authentication()) {
                    return new RunResult(true, datasets.all().size(), published, parked, true);
                }
            }
        }
        return new RunResult(true, datasets.all().size(), published, parked, false);
    }

    /** Publishes one dataset by name (operator action). */
    public synchronized void publish(String name) {
        publish(datasets.find(name).orElseThrow(() -> new NoSuchElementException("no CKAN dataset '" + name
                + "' in the datasets file (hub.export.ckan.datasets-file)")));
    }

    @Override
    public void replay(DeadLetter letter) {
        String name;
        try {
            name = JSON.readTree(letter.payload()).path("dataset").asText();
        } catch (IOException e) {
            throw new IllegalArgumentException("dead letter " + letter.id() + " is not a CKAN entry", e);
        }
        publish(name);
    }

    void publish(CkanDataset d) {
        Optional<JsonNode> existing = retrier.call("CKAN package_show " + d.name(), () -> client.packageShow(d.name()));
        if (existing.isEmpty()) {
            try {
                retrier.call("CKAN package_create " + d.name(), () -> client.packageCreate(metadata(d, null)));
                LOG.info("CKAN: dataset {} created", d.name());
            } catch (ExportFailedException e) {
                // a create whose answer was lost, or a dataset made meanwhile: 409 "URL already in use" -> patch it
                if (!(e.getCause() instanceof ExportRejectedException r && r.status() == 409)) {
                    throw e;
                }
                existing = retrier.call("CKAN package_show " + d.name(), () -> client.packageShow(d.name()));
                if (existing.isEmpty()) {
                    throw e;
                }
            }
        }
        if (existing.isPresent()) {
            JsonNode current = existing.get();
            retrier.call("CKAN package_patch " + d.name(), () -> client.packagePatch(metadata(d, current)));
            LOG.info("CKAN: dataset {} metadata updated", d.name());
        }
        for (CkanDataset.Resource r : d.resources()) {
            upload(d, r);
        }
        deadLetters.supersede(TARGET, d.name());
    }

    private void upload(CkanDataset d, CkanDataset.Resource r) {
        FeedFiles.FeedFile file;
        try {
            file = feedFiles.write(r.feed());
        } catch (IOException e) {
            throw new UncheckedIOException("CKAN: feed " + r.feed() + " of dataset " + d.name()
                    + " could not be written: " + e.getMessage(), e);
        }
        try {
            retrier.call("CKAN upload of " + file.fileName() + " to " + d.name(), () -> {
                // looked up in every attempt: a create whose answer was lost must not become a second resource
                JsonNode pkg = client.packageShow(d.name()).orElseThrow(() -> new ExportRejectedException(404,
                        "CKAN dataset " + d.name() + " vanished while its resources were uploaded"));
                Optional<String> resourceId = resourceOf(pkg, r);
                Map<String, String> fields = new LinkedHashMap<>();
                resourceId.ifPresentOrElse(id -> fields.put("id", id),
                        () -> fields.put("package_id", pkg.path("id").asText(d.name())));
                fields.put("name", r.name());
                fields.put("description", r.description());
                fields.put("format", file.format());
                fields.put("mimetype", file.contentType().replaceAll(";.*", ""));
                fields.put(FEED_FIELD, r.feed());
                return client.uploadResource(resourceId.isPresent(), fields, file.file(), file.fileName(),
                        file.contentType());
            });
            LOG.info("CKAN: {} ({} rows) uploaded to dataset {} as resource '{}'", file.fileName(), file.rows(),
                    d.name(), r.name());
        } finally {
            try {
                Files.deleteIfExists(file.file());
            } catch (IOException e) {
                LOG.warn("CKAN: work file {} could not be removed: {}", file.file(), e.getMessage());
            }
        }
    }

    /** The resource of a dataset that holds a feed: by its hub_feed field, else by name. */
    static Optional<String> resourceOf(JsonNode pkg, CkanDataset.Resource r) {
        for (JsonNode res : pkg.path("resources")) {
            if (r.feed().equals(res.path(FEED_FIELD).asText(null))) {
                return Optional.of(res.path("id").asText());
            }
        }
        for (JsonNode res : pkg.path("resources")) {
            if (r.name().equals(res.path("name").asText(null))) {
                return Optional.of(res.path("id").asText());
            }
        }
        return Optional.empty();
    }

    /** The dataset's fields for package_create, or for package_patch of {@code current}. */
    ObjectNode metadata(CkanDataset d, JsonNode current) {
        ObjectNode m = JSON.createObjectNode();
        if (current != null) {
            m.put("id", current.path("id").asText(d.name()));
        }
        m.put("name", d.name());
        m.put("title", d.title());
        m.put("notes", d.notes());
        m.put("owner_org", d.ownerOrg());
        m.put("license_id", d.licenseId());
        putIf(m, "author", d.author());
        putIf(m, "author_email", d.authorEmail());
        putIf(m, "maintainer", d.maintainer());
        putIf(m, "maintainer_email", d.maintainerEmail());
        putIf(m, "url", d.url());
        ArrayNode tags = m.putArray("tags");
        d.tags().forEach(t -> tags.addObject().put("name", t));
        ArrayNode groups = m.putArray("groups");
        d.groups().forEach(g -> groups.addObject().put("name", g));
        Map<String, String> extras = new LinkedHashMap<>();
        if (current != null) {
            // extras a portal editor added stay; ours are replaced
            for (JsonNode e : current.path("extras")) {
                extras.put(e.path("key").asText(), e.path("value").asText());
            }
        }
        String today = LocalDate.now(clock.withZone(zone)).toString();
        extras.putIfAbsent("issued", today);
        extras.putAll(d.extras());
        extras.put("modified", today);
        ArrayNode ex = m.putArray("extras");
        extras.forEach((k, v) -> ex.addObject().put("key", k).put("value", v));
        return m;
    }

    private static void putIf(ObjectNode n, String k, String v) {
        if (v != null && !v.isBlank()) {
            n.put(k, v);
        }
    }
}
