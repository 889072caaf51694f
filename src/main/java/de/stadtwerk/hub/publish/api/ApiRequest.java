package de.stadtwerk.hub.publish.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One API request as the handlers see it: operation, path, query parameters (decoded here from the raw query,
 * each at most once, unknown ones refused), the few headers the API reads, and the body of write operations.
 */
public final class ApiRequest {

    /** Ids of assets, series, datasets and keys: letters, digits and . _ : - (at most 200). */
    private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}._:\\-]{1,200}");

    private final ApiOperation operation;
    private final String path;
    private final Map<String, String> query;
    private final Function<String, String> headers;
    private final String clientAddress;
    private final byte[] body;

    public ApiRequest(ApiOperation operation, String rawPath, String rawQuery, Function<String, String> headers,
                      String clientAddress, byte[] body) {
        this.operation = operation;
        this.path = rawPath;
        this.headers = headers;
        this.clientAddress = clientAddress;
        this.body = body == null ? new byte[0] : body;
        this.query = parseQuery(rawQuery, operation);
    }

    static Map<String, String> parseQuery(String rawQuery, ApiOperation operation) {
        return parseQuery(rawQuery, operation.queryParams(), 4096);
    }

    /**
     * A raw query string as name → decoded value; 400 for a string over {@code maxLength}, an unknown or repeated
     * parameter or broken percent-encoding (also used by the operator console).
     */
    public static Map<String, String> parseQuery(String rawQuery, List<String> allowed, int maxLength) {
        Map<String, String> result = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return result;
        }
        if (rawQuery.length() > maxLength) {
            throw ApiProblem.badRequest("the query string is longer than " + maxLength + " characters");
        }
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = decode(eq < 0 ? part : part.substring(0, eq));
            String value = eq < 0 ? "" : decode(part.substring(eq + 1));
            if (!allowed.contains(name)) {
                throw ApiProblem.badRequest("unknown query parameter '" + ApiProblem.echo(name) + "'"
                        + (allowed.isEmpty() ? "; this operation takes none" : "; allowed: " + String.join(", ", allowed)));
            }
            if (result.put(name, value) != null) {
                throw ApiProblem.badRequest("query parameter '" + name + "' is given more than once");
            }
        }
        return result;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("the query string is not valid percent-encoding");
        }
    }

    public ApiOperation operation() {
        return operation;
    }

    public String path() {
        return path;
    }

    /** A query parameter, null when absent or empty. */
    public String param(String name) {
        String v = query.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** A query parameter that must be given. */
    public String required(String name) {
        String v = param(name);
        if (v == null) {
            throw ApiProblem.badRequest("query parameter '" + name + "' is required");
        }
        return v;
    }

    /** A filter value: at most 100 characters, no control characters. */
    public String filter(String name) {
        String v = param(name);
        if (v != null && (v.length() > 100 || v.chars().anyMatch(Character::isISOControl))) {
            throw ApiProblem.badRequest("query parameter '" + name + "' must be at most 100 printable characters");
        }
        return v;
    }

    /** The n-th id segment of the path (0: the first {id}), decoded; null when it is not a well-formed id. */
    public String pathId() {
        List<String> template = List.of(operation.path().split("/"));
        String rest = path.startsWith(ApiOperation.BASE_PATH) ? path.substring(ApiOperation.BASE_PATH.length()) : path;
        String[] segments = rest.split("/");
        int index = template.indexOf("{id}");
        if (index < 0 || index >= segments.length) {
            return null;
        }
        String id;
        try {
            id = URLDecoder.decode(segments[index].replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return ID.matcher(id).matches() ? id : null;
    }

    /** The raw path segment of {id}, for messages. */
    public String rawPathId() {
        String rest = path.startsWith(ApiOperation.BASE_PATH) ? path.substring(ApiOperation.BASE_PATH.length()) : path;
        String[] segments = rest.split("/");
        int index = List.of(operation.path().split("/")).indexOf("{id}");
        return index >= 0 && index < segments.length ? segments[index] : "";
    }

    public String header(String name) {
        return headers.apply(name);
    }

    public String clientAddress() {
        return clientAddress;
    }

    public byte[] body() {
        return body;
    }

    /** {@code limit}: a whole number from 1 to {@code max}; {@code def} when absent. */
    public int limit(int def, int max) {
        String v = param("limit");
        if (v == null) {
            return def;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiProblem.badRequest("limit must be a whole number from 1 to " + max + ", was '" + ApiProblem.echo(v) + "'");
    }

    /** Lower-case value of a header, empty when absent. */
    public String headerLower(String name) {
        String v = header(name);
        return v == null ? "" : v.toLowerCase(Locale.ROOT);
    }
}
