package de.stadtwerk.hub;

import de.stadtwerk.hub.support.RouteFileGuard;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the hub: Camel Main with {@code config/application.properties} from the working directory, the YAML
 * routes under {@code routes/} and the beans of the configuration classes named in
 * {@code camel.main.configuration-classes} (first {@code support.HubBeans}). Runs until Ctrl-C / SIGTERM.
 *
 * <p>A route file with an error does not stop the hub: a YAML error is skipped by Camel with a WARN naming the
 * file; a route Camel cannot create (unknown bean, endpoint or option) is reported with its file and reason, and
 * the hub starts again without that file.
 */
public final class HubMain {

    private static final Logger LOG = LoggerFactory.getLogger(HubMain.class);

    /** Where the configuration is read from; {@code -Dhub.config=…} or {@code HUB_CONFIG} points elsewhere. */
    static final String DEFAULT_CONFIG = "file:config/application.properties";
    private static final int MAX_BROKEN_FILES = 50;
    /** The Camel Main that runs now (a new one after a route file was excluded). */
    private static final AtomicReference<Main> CURRENT = new AtomicReference<>();

    private HubMain() {
    }

    public static void main(String[] args) throws Exception {
        stopGracefullyOnSigterm();
        System.exit(run(args));
    }

    /**
     * SIGTERM (service stop, {@code docker stop}, {@code kill}) stops the hub like the end of its run: Camel's graceful
     * shutdown lets in-flight exchanges finish within {@code camel.main.shutdown-timeout}, then the JVM exits with 0.
     * Without this handler the JVM would start exiting with 143 at once and Camel would stop inside a shutdown hook.
     * A SIGTERM before Camel Main exists ends the JVM with 0 as well (nothing is in flight yet).
     */
    private static void stopGracefullyOnSigterm() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> {
                Main main = CURRENT.get();
                LOG.info("SIGTERM: stopping the hub gracefully (in-flight work finishes first)");
                if (main == null) {
                    new Thread(() -> System.exit(0), "hub-sigterm").start();
                } else {
                    main.completed();
                }
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.warn("SIGTERM cannot be handled on this JVM ({}); the JVM's own handling applies", e.getMessage());
        }
    }

    static int run(String[] args) throws Exception {
        RouteFileGuard guard = new RouteFileGuard(Path.of("routes"));
        Set<Path> excluded = new LinkedHashSet<>();
        while (true) {
            Main main = newMain(excluded);
            CURRENT.set(main);
            try {
                return main.run(args);
            } catch (Exception e) {
                Optional<FailedToCreateRouteException> failed = RouteFileGuard.failedRoute(e);
                Optional<Path> file = failed.flatMap(f -> guard.fileOf(f.getRouteId()));
                if (file.isEmpty() || !excluded.add(file.get()) || excluded.size() > MAX_BROKEN_FILES) {
                    throw e;
                }
                LOG.error("Route file {} is not loaded: route {} cannot be created: {}. Fix the file; the hub starts"
                        + " without it.", file.get(), failed.get().getRouteId(), RouteFileGuard.reason(e));
                safeStop(main);
            }
        }
    }

    private static Main newMain(Set<Path> excluded) {
        Main main = new Main();
        main.setPropertyPlaceholderLocations(configLocation());
        // A route file with a YAML error is skipped with a WARN naming the file, and the other routes start
        // (this switch only works when set in Java before run(); see docs/decisions.md).
        main.configure().setRoutesCollectorIgnoreLoadingError(true);
        if (!excluded.isEmpty()) {
            main.configure().setRoutesExcludePattern(excluded.stream()
                    .map(p -> "file:" + p.toString().replace('\\', '/')).collect(Collectors.joining(",")));
        }
        return main;
    }

    private static void safeStop(Main main) {
        try {
            main.shutdown();
            if (main.getCamelContext() != null) {
                main.getCamelContext().stop();
            }
        } catch (Exception ignored) {
            // the failed context is discarded either way
        }
    }

    static String configLocation() {
        String location = System.getProperty("hub.config", System.getenv("HUB_CONFIG"));
        if (location == null || location.isBlank()) {
            return DEFAULT_CONFIG;
        }
        return location.contains(":") ? location : "file:" + location;
    }
}
