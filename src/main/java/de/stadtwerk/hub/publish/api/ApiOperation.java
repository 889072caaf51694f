package de.stadtwerk.hub.publish.api;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The operations of the partner API: the route id of its REST verb in {@code routes/publish/partner-api.camel.yaml},
 * method, path below {@code /api/v1} and the query parameters it accepts (others are refused with 400). A test
 * holds this list, the REST DSL and {@code openapi.json} together.
 */
public enum ApiOperation {
    LIST_ASSETS("partner-api-assets", "GET", "/assets", "kind", "district", "postcode", "limit", "cursor", "format", "locale"),
    GET_ASSET("partner-api-asset", "GET", "/assets/{id}", "format", "locale"),
    LIST_SERIES("partner-api-series", "GET", "/series", "asset", "quantity", "limit", "cursor", "format", "locale"),
    GET_SERIES("partner-api-series-one", "GET", "/series/{id}", "format", "locale"),
    OBSERVATIONS("partner-api-observations", "GET", "/series/{id}/observations",
            "from", "to", "resolution", "agg", "tz", "format", "locale"),
    FORECASTS("partner-api-forecasts", "GET", "/series/{id}/forecasts", "from", "to", "issuedBefore", "tz", "format", "locale"),
    LIST_DATASETS("partner-api-datasets", "GET", "/datasets", "format", "locale"),
    GET_DATASET("partner-api-dataset", "GET", "/datasets/{id}", "format", "locale"),
    OPENAPI("partner-api-openapi", "GET", "/openapi.json"),
    DOCS("partner-api-docs", "GET", "/docs"),
    LIST_KEYS("partner-api-admin-keys", "GET", "/admin/keys"),
    CREATE_KEY("partner-api-admin-key-create", "POST", "/admin/keys"),
    REVOKE_KEY("partner-api-admin-key-revoke", "DELETE", "/admin/keys/{id}");

    /** The API's base path. */
    public static final String BASE_PATH = "/api/v1";

    private final String routeId;
    private final String method;
    private final String path;
    private final List<String> queryParams;

    ApiOperation(String routeId, String method, String path, String... queryParams) {
        this.routeId = routeId;
        this.method = method;
        this.path = path;
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

    public List<String> queryParams() {
        return queryParams;
    }

    public static Optional<ApiOperation> ofRouteId(String routeId) {
        return Arrays.stream(values()).filter(o -> o.routeId.equals(routeId)).findFirst();
    }
}
