package de.stadtwerk.hub.publish.console;

import de.stadtwerk.hub.support.HubSettings;
import java.util.List;

/**
 * The console's configuration keys ({@code hub.console.*}) with their defaults; every key is documented in
 * {@code config/application.properties}.
 */
public final class ConsoleSettings {

    /** The sources whose freshness the console watches: {@code name=route-id[+route-id]@PT5M,…}. */
    public static final String SOURCES = "hub.console.sources";
    /** Most quarantine items or feed deliveries one list shows. */
    public static final String LIST_LIMIT = "hub.console.list-limit";
    /** Most quarantine items one "replay all" replays. */
    public static final String REPLAY_ALL_LIMIT = "hub.console.replay-all-limit";

    final List<ConsoleSource> sources;
    final int listLimit;
    final int replayAllLimit;

    public ConsoleSettings(HubSettings s) {
        sources = ConsoleSource.parse(SOURCES, s.string(SOURCES, ""));
        listLimit = positive(s, LIST_LIMIT, 200);
        replayAllLimit = positive(s, REPLAY_ALL_LIMIT, 1000);
    }

    private static int positive(HubSettings s, String key, int def) {
        int v = s.integer(key, def);
        if (v < 1) {
            throw new IllegalArgumentException("configuration key " + key + " must be at least 1, was " + v);
        }
        return v;
    }
}
