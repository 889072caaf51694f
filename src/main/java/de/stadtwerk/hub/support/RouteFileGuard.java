package de.stadtwerk.hub.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.FailedToCreateRouteException;

/**
 * Finds the route file behind a route that Camel could not create (an unknown bean, endpoint or option), so
 * that the hub can start without that one file and name it, instead of refusing to start at all.
 */
public final class RouteFileGuard {

    private final Path routesDir;

    public RouteFileGuard(Path routesDir) {
        this.routesDir = routesDir;
    }

    /** The first {@link FailedToCreateRouteException} in a chain of causes, if any. */
    public static Optional<FailedToCreateRouteException> failedRoute(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FailedToCreateRouteException f) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The deepest cause's message: the reason a user can act on. */
    public static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** The route file (under the routes folder) that defines a route with this id. */
    public Optional<Path> fileOf(String routeId) {
        if (routeId == null || !Files.isDirectory(routesDir)) {
            return Optional.empty();
        }
        Pattern idLine = Pattern.compile("(?m)^\\s*(-\\s*)?id:\\s*[\"']?" + Pattern.quote(routeId) + "[\"']?\\s*$");
        try (Stream<Path> files = Files.walk(routesDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".camel.yaml"))
                    .sorted()
                    .filter(p -> {
                        try {
                            return idLine.matcher(Files.readString(p)).find();
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
