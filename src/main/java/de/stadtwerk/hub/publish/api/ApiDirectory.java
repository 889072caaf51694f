package de.stadtwerk.hub.publish.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partners ({@code config/partners.yaml}) and the dataset catalogue ({@code config/datasets.yaml}), reloaded
 * when a file changes (checked at most every few seconds). A file with an error is reported and the previous
 * content stays in use; at start, a broken partner file means no partner keys work (fail closed).
 */
public class ApiDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(ApiDirectory.class);
    private static final long CHECK_EVERY_MS = 2000;

    private record Snapshot(Map<String, Partner> partners, Map<String, Partner> byKeyHash,
                            Map<String, Dataset> datasets) { }

    private final Path partnersFile;
    private final Path datasetsFile;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), Map.of());
    private volatile long lastCheck;
    private FileTime partnersVersion;
    private FileTime datasetsVersion;

    public ApiDirectory(Path partnersFile, Path datasetsFile, Clock clock) {
        this.partnersFile = partnersFile;
        this.datasetsFile = datasetsFile;
        this.clock = clock;
        reload(true);
    }

    public Optional<Partner> partner(String id) {
        return Optional.ofNullable(current().partners().get(id));
    }

    /** The partner whose configured key has this SHA-256 hash (hex). */
    public Optional<Partner> partnerByKeyHash(String sha256) {
        return Optional.ofNullable(current().byKeyHash().get(sha256));
    }

    public List<Partner> partners() {
        return List.copyOf(current().partners().values());
    }

    public Optional<Dataset> dataset(String id) {
        return Optional.ofNullable(current().datasets().get(id));
    }

    /** All datasets in file order. */
    public List<Dataset> datasets() {
        return List.copyOf(current().datasets().values());
    }

    private Snapshot current() {
        long now = clock.millis();
        if (now - lastCheck > CHECK_EVERY_MS) {
            lastCheck = now;
            reload(false);
        }
        return snapshot;
    }

    private synchronized void reload(boolean first) {
        try {
            FileTime pv = version(partnersFile);
            FileTime dv = version(datasetsFile);
            if (!first && pv.equals(partnersVersion) && dv.equals(datasetsVersion)) {
                return;
            }
            partnersVersion = pv;
            datasetsVersion = dv;
            Map<String, Dataset> datasets = readDatasets(datasetsFile);
            Map<String, Partner> partners = readPartners(partnersFile, datasets.keySet());
            Map<String, Partner> byHash = new HashMap<>();
            for (Partner p : partners.values()) {
                for (Partner.ConfiguredKey k : p.keys()) {
                    if (byHash.put(k.sha256(), p) != null) {
                        throw new IllegalArgumentException(partnersFile + ": the key hash " + k.sha256().substring(0, 8)
                                + "… appears twice");
                    }
                }
            }
            snapshot = new Snapshot(Map.copyOf(partners), Map.copyOf(byHash), java.util.Collections.unmodifiableMap(datasets));
            LOG.info("Partner API: {} partner(s) from {}, {} dataset(s) from {}", partners.size(), partnersFile,
                    datasets.size(), datasetsFile);
        } catch (IllegalArgumentException e) {
            LOG.error("Partner API configuration not loaded: {}; {}", e.getMessage(),
                    first ? "no partner key works until it is fixed" : "the previous configuration stays in use");
        }
    }

    private static FileTime version(Path file) {
        try {
            return Files.exists(file) ? Files.getLastModifiedTime(file) : FileTime.fromMillis(0);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    static Map<String, Dataset> readDatasets(Path file) {
        Map<String, Dataset> result = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            LOG.warn("Dataset catalogue {} does not exist: no datasets are published", file);
            return result;
        }
        List<?> items = Yaml.list(file, "datasets");
        for (int i = 0; i < items.size(); i++) {
            String where = file + ", datasets[" + i + "]";
            Map<?, ?> m = Yaml.map(items.get(i), where);
            String id = Yaml.string(m, "id", where, true);
            Dataset d = new Dataset(id, Yaml.string(m, "title", where, true), Yaml.string(m, "description", where, false),
                    Yaml.string(m, "licence", where, true), Yaml.string(m, "attribution", where, true),
                    Yaml.bool(m, "public", where),
                    Selection.of(m, where, Set.of("id", "title", "description", "licence", "attribution", "public")));
            if (result.put(id, d) != null) {
                throw new IllegalArgumentException(where + ": dataset id '" + id + "' appears twice");
            }
        }
        return result;
    }

    static Map<String, Partner> readPartners(Path file, Set<String> datasetIds) {
        Map<String, Partner> result = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            LOG.warn("Partner file {} does not exist: only public datasets and admin keys work", file);
            return result;
        }
        List<?> items = Yaml.list(file, "partners");
        for (int i = 0; i < items.size(); i++) {
            String where = file + ", partners[" + i + "]";
            Map<?, ?> m = Yaml.map(items.get(i), where);
            String id = Yaml.string(m, "id", where, true);
            if (!id.matches("[a-z0-9][a-z0-9_-]{0,63}") || id.equals(ApiKeys.ADMIN_PARTNER)) {
                throw new IllegalArgumentException(where + ": partner id '" + id
                        + "' must be lower case letters, digits, - or _ (and not 'admin')");
            }
            List<Partner.ConfiguredKey> keys = new ArrayList<>();
            Object keyList = m.get("keys");
            if (keyList instanceof List<?> kl) {
                for (int k = 0; k < kl.size(); k++) {
                    Map<?, ?> km = Yaml.map(kl.get(k), where + ", keys[" + k + "]");
                    String hash = Yaml.string(km, "sha256", where + ", keys[" + k + "]", true).toLowerCase(java.util.Locale.ROOT);
                    if (!hash.matches("[0-9a-f]{64}")) {
                        throw new IllegalArgumentException(where + ", keys[" + k + "]: sha256 must be 64 hex digits"
                                + " (the SHA-256 of the key, never the key itself)");
                    }
                    keys.add(new Partner.ConfiguredKey(hash, Yaml.string(km, "label", where, false)));
                }
            } else if (keyList != null) {
                throw new IllegalArgumentException(where + ": 'keys' must be a list of {sha256, label}");
            }
            Set<String> datasets = Set.of();
            List<Selection> selections = new ArrayList<>();
            Object grants = m.get("grants");
            if (grants != null) {
                Map<?, ?> g = Yaml.map(grants, where + ", grants");
                for (Object k : g.keySet()) {
                    if (!Set.of("datasets", "select").contains(String.valueOf(k))) {
                        throw new IllegalArgumentException(where + ", grants: unknown key '" + k
                                + "' (allowed: datasets, select)");
                    }
                }
                datasets = Yaml.strings(g, "datasets", where + ", grants");
                for (String d : datasets) {
                    if (!datasetIds.contains(d)) {
                        throw new IllegalArgumentException(where + ", grants: dataset '" + d + "' is not in the catalogue");
                    }
                }
                Object select = g.get("select");
                if (select instanceof List<?> sl) {
                    for (int s = 0; s < sl.size(); s++) {
                        String w = where + ", grants.select[" + s + "]";
                        selections.add(Selection.of(Yaml.map(sl.get(s), w), w, Set.of()));
                    }
                } else if (select != null) {
                    throw new IllegalArgumentException(where + ", grants: 'select' must be a list of selections");
                }
            }
            Partner p = new Partner(id, Yaml.string(m, "name", where, false), List.copyOf(keys),
                    Yaml.integer(m, "rateLimitPerMinute", where), Set.copyOf(datasets), List.copyOf(selections));
            for (Object k : m.keySet()) {
                if (!Set.of("id", "name", "keys", "grants", "rateLimitPerMinute").contains(String.valueOf(k))) {
                    throw new IllegalArgumentException(where + ": unknown key '" + k
                            + "' (allowed: id, name, keys, rateLimitPerMinute, grants)");
                }
            }
            if (result.put(id, p) != null) {
                throw new IllegalArgumentException(where + ": partner id '" + id + "' appears twice");
            }
        }
        return result;
    }
}
