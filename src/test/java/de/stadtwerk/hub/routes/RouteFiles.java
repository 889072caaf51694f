package de.stadtwerk.hub.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The route and Kamelet files the hub ships, read as YAML trees. */
final class RouteFiles {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private RouteFiles() {
    }

    static List<Path> routeFiles() {
        return files(Path.of("routes"), ".camel.yaml");
    }

    static List<Path> kameletFiles() {
        return files(Path.of("kamelets"), ".kamelet.yaml");
    }

    private static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The ids of the routes defined in a route file. */
    static List<String> routeIds(Path file) {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : read(file)) {
            JsonNode route = item.get("route");
            if (route != null && route.hasNonNull("id")) {
                ids.add(route.get("id").asText());
            }
        }
        return ids;
    }
}
