package de.stadtwerk.hub.transform;

import de.stadtwerk.hub.model.Asset;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asset master data from {@code config/assets.csv} (semicolon-separated, header row, see docs/ingest.md),
 * reloaded when the file changes. Resolves an asset by its id or by any of its external ids
 * ({@code malo:51481308448}, {@code mqtt:tele/plug-1}…), which is how the ingest pipeline enriches values
 * that arrive with a foreign id.
 *
 * <p>A file with an error is reported with line and column and the previous data stays in use.
 */
public class AssetRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(AssetRegistry.class);
    private static final String[] COLUMNS = {"id", "name", "kind", "lat", "lon", "district", "postcode",
        "rated_power_kw", "external_ids"};

    private record Snapshot(Map<String, Asset> byId, Map<String, Asset> byExternalId) { }

    private final Path file;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());
    private volatile FileTime loadedVersion;
    private volatile String lastError;

    public AssetRegistry(Path file) {
        this.file = file;
    }

    /** Loads the file if it changed since the last load; returns true when new data was taken. */
    public synchronized boolean reloadIfChanged() {
        try {
            if (!Files.exists(file)) {
                if (loadedVersion != null || lastError == null) {
                    lastError = "asset file " + file + " does not exist";
                    LOG.warn("{}; no master data in use", lastError);
                }
                return false;
            }
            FileTime version = Files.getLastModifiedTime(file);
            if (version.equals(loadedVersion)) {
                return false;
            }
            Snapshot next = parse(file);
            snapshot = next;
            loadedVersion = version;
            lastError = null;
            LOG.info("Asset master data loaded from {}: {} asset(s)", file, next.byId().size());
            return true;
        } catch (IOException | IllegalArgumentException e) {
            String message = "asset file " + file + " not loaded: " + e.getMessage();
            if (!message.equals(lastError)) {
                LOG.error("{}; the previous master data stays in use", message);
            }
            lastError = message;
            try {
                loadedVersion = Files.getLastModifiedTime(file);
            } catch (IOException ignored) {
                loadedVersion = null;
            }
            return false;
        }
    }

    /** The last load error, or null when the file loaded fine. */
    public String lastError() {
        return lastError;
    }

    /** Finds an asset by id, or by an external id written {@code key:value}. */
    public Optional<Asset> resolve(String idOrExternalId) {
        if (idOrExternalId == null) {
            return Optional.empty();
        }
        Snapshot s = snapshot;
        Asset a = s.byId().get(idOrExternalId);
        return Optional.ofNullable(a != null ? a : s.byExternalId().get(idOrExternalId));
    }

    public Collection<Asset> all() {
        return snapshot.byId().values();
    }

    static Snapshot parse(Path file) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).setCommentMarker('#').get();
        Map<String, Asset> byId = new LinkedHashMap<>();
        Map<String, Asset> byExternal = new HashMap<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            for (String col : new String[] {"id", "kind"}) {
                if (!parser.getHeaderMap().containsKey(col)) {
                    throw new IllegalArgumentException("header lacks column '" + col + "' (columns: "
                            + String.join(";", COLUMNS) + ")");
                }
            }
            for (CSVRecord r : parser) {
                Asset a = toAsset(r);
                if (byId.put(a.id(), a) != null) {
                    throw new IllegalArgumentException("line " + r.getParser().getCurrentLineNumber()
                            + ": asset id '" + a.id() + "' appears twice");
                }
                for (Map.Entry<String, String> e : a.externalIds().entrySet()) {
                    byExternal.put(e.getKey() + ":" + e.getValue(), a);
                }
            }
        }
        return new Snapshot(Map.copyOf(byId), Map.copyOf(byExternal));
    }

    private static Asset toAsset(CSVRecord r) {
        long line = r.getParser().getCurrentLineNumber();
        String id = get(r, "id");
        if (id == null) {
            throw new IllegalArgumentException("line " + line + ": column id is empty");
        }
        Double ratedKw = number(r, "rated_power_kw", line);
        return new Asset(id, get(r, "name"), get(r, "kind"), number(r, "lat", line), number(r, "lon", line),
                get(r, "district"), get(r, "postcode"), ratedKw == null ? null : ratedKw * 1000, externalIds(r, line));
    }

    private static Map<String, String> externalIds(CSVRecord r, long line) {
        String text = get(r, "external_ids");
        Map<String, String> ids = new LinkedHashMap<>();
        if (text == null) {
            return ids;
        }
        for (String part : text.split("\\|")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                throw new IllegalArgumentException("line " + line + ", column external_ids: '" + part
                        + "' is not of the form key=value (separate several with |)");
            }
            ids.put(kv[0].trim(), kv[1].trim());
        }
        return ids;
    }

    private static String get(CSVRecord r, String column) {
        if (!r.isMapped(column) || !r.isSet(column)) {
            return null;
        }
        String v = r.get(column);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static Double number(CSVRecord r, String column, long line) {
        String v = get(r, column);
        if (v == null) {
            return null;
        }
        try {
            return Double.parseDouble(v.replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + line + ", column " + column + ": '" + v + "' is not a number");
        }
    }
}
