package de.stadtwerk.hub.publish.console;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The console's operations: the route id of its REST verb in {@code routes/publish/console.camel.yaml}, the path
 * below {@code /console}, whether it needs the admin key, and the query parameters it accepts (others get 400).
 */
public enum ConsoleOperation {
    PAGE("console-page", "GET", "", false),
    STATIC("console-static", "GET", "/static/{file}", false),
    ROUTES("console-api-routes", "GET", "/api/routes", true),
    SOURCES("console-api-sources", "GET", "/api/sources", true),
    QUARANTINE("console-api-quarantine", "GET", "/api/quarantine", true, "status", "source", "reason", "text", "limit"),
    QUARANTINE_ITEM("console-api-quarantine-item", "GET", "/api/quarantine/{id}", true),
    REPLAY("console-api-quarantine-replay", "POST", "/api/quarantine/{id}/replay", true),
    REPLAY_ALL("console-api-quarantine-replay-all", "POST", "/api/quarantine/replay-all", true, "source", "reason", "text"),
    DISCARD("console-api-quarantine-discard", "POST", "/api/quarantine/{id}/discard", true),
    FEEDS("console-api-feeds", "GET", "/api/feeds", true, "outcome", "feed", "limit"),
    RESEND("console-api-feed-resend", "POST", "/api/feeds/{id}/resend", true),
    EXPORTS("console-api-exports", "GET", "/api/exports", true, "limit"),
    EXPORT_REPLAY("console-api-export-replay", "POST", "/api/exports/{id}/replay", true),
    EXPORT_REPLAY_ALL("console-api-export-replay-all", "POST", "/api/exports/replay-all", true);

    /** Where the console lives on the business port. */
    public static final String BASE_PATH = "/console";

    private final String routeId;
    private final String method;
    private final String path;
    private final boolean admin;
    private final List<String> queryParams;

    ConsoleOperation(String routeId, String method, String path, boolean admin, String... queryParams) {
        this.routeId = routeId;
        this.method = method;
        this.path = path;
        this.admin = admin;
        this.queryParams = List.of(queryParams);
    }

    public String routeId() {
        return routeId;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public boolean needsAdmin() {
        return admin;
    }

    public List<String> queryParams() {
        return queryParams;
    }

    public static Optional<ConsoleOperation> ofRouteId(String routeId) {
        return Arrays.stream(values()).filter(o -> o.routeId.equals(routeId)).findFirst();
    }

    /** The segment of a request path that stands where the template has {@code {id}} or {@code {file}}. */
    public String pathParam(String requestPath) {
        String[] template = (BASE_PATH + path).split("/");
        String[] actual = requestPath == null ? new String[0] : requestPath.split("/");
        for (int i = 0; i < template.length; i++) {
            if (template[i].startsWith("{") && i < actual.length) {
                return actual[i];
            }
        }
        return null;
    }
}
