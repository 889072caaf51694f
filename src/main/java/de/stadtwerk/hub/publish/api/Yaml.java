package de.stadtwerk.hub.publish.api;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Reading of the API's YAML configuration files (snakeyaml-engine, which Camel's YAML DSL brings along). */
final class Yaml {

    private Yaml() {
    }

    /** The top-level list under {@code key}; an absent file is an error, an absent key an empty list. */
    static List<?> list(Path file, String key) {
        Object root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromReader(r);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " is not valid YAML: " + e.getMessage(), e);
        }
        if (root == null) {
            return List.of();
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + ": expected a map with the key '" + key + "'");
        }
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(file + ": '" + key + "' must be a list");
        }
        return list;
    }

    static Map<?, ?> map(Object o, String where) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(where + ": expected a map, found " + o);
        }
        return m;
    }

    static String string(Map<?, ?> map, String key, String where, boolean required) {
        Object v = map.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            if (required) {
                throw new IllegalArgumentException(where + ": '" + key + "' is missing");
            }
            return null;
        }
        if (v instanceof Map || v instanceof List) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be a single value");
        }
        return String.valueOf(v).trim();
    }

    static Set<String> strings(Map<?, ?> map, String key, String where) {
        Object v = map.get(key);
        Set<String> result = new LinkedHashSet<>();
        if (v == null) {
            return result;
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be a list such as [a, b]");
        }
        for (Object o : list) {
            result.add(String.valueOf(o).trim());
        }
        return result;
    }

    static boolean bool(Map<?, ?> map, String key, String where) {
        Object v = map.get(key);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(where + ": '" + key + "' must be true or false");
    }

    static Integer integer(Map<?, ?> map, String key, String where) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.intValue() > 0) {
            return n.intValue();
        }
        throw new IllegalArgumentException(where + ": '" + key + "' must be a positive whole number");
    }
}
