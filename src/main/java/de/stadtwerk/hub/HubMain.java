package de.stadtwerk.hub;

import de.stadtwerk.hub.support.HubBeans;
import org.apache.camel.main.Main;

/**
 * Starts the hub: Camel Main with {@code config/application.properties} from the working directory, the YAML
 * routes under {@code routes/} and the beans of {@link HubBeans}. Runs until Ctrl-C / SIGTERM.
 */
public final class HubMain {

    /** Where the configuration is read from; {@code -Dhub.config=…} or {@code HUB_CONFIG} points elsewhere. */
    static final String DEFAULT_CONFIG = "file:config/application.properties";

    private HubMain() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.setPropertyPlaceholderLocations(configLocation());
        main.configure().addConfiguration(HubBeans.class);
        // A route file with a YAML error is skipped with a WARN naming the file, and the other routes start
        // (this switch only works when set in Java before run(); see docs/decisions.md).
        main.configure().setRoutesCollectorIgnoreLoadingError(true);
        System.exit(main.run(args));
    }

    static String configLocation() {
        String location = System.getProperty("hub.config", System.getenv("HUB_CONFIG"));
        if (location == null || location.isBlank()) {
            return DEFAULT_CONFIG;
        }
        return location.contains(":") ? location : "file:" + location;
    }
}
