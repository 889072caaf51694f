package de.stadtwerk.hub.publish.console;

import de.stadtwerk.hub.publish.api.ApiProblem;
import de.stadtwerk.hub.publish.api.ApiRequest;
import java.util.Map;

/**
 * One console request: the operation, its path parameter and its query parameters (decoded from the raw query, each
 * at most once, unknown ones refused with 400).
 */
final class ConsoleRequest {

    private final ConsoleOperation operation;
    private final String pathParam;
    private final Map<String, String> query;

    ConsoleRequest(ConsoleOperation operation, String path, String rawQuery) {
        this.operation = operation;
        this.pathParam = operation.pathParam(path);
        this.query = parse(rawQuery, operation);
    }

    /** The partner API's query parsing (2048 characters at most) plus: each value at most 200 printable characters. */
    static Map<String, String> parse(String rawQuery, ConsoleOperation operation) {
        Map<String, String> result = ApiRequest.parseQuery(rawQuery, operation.queryParams(), 2048);
        result.forEach((name, value) -> {
            if (value.length() > 200 || value.chars().anyMatch(Character::isISOControl)) {
                throw ApiProblem.badRequest("query parameter '" + name + "' must be at most 200 printable characters");
            }
        });
        return result;
    }

    ConsoleOperation operation() {
        return operation;
    }

    /** A query parameter, null when absent or blank. */
    String param(String name) {
        String v = query.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** The numeric {id} of the path; 404 when it is not a number (no such item can exist). */
    long id(String what) {
        String raw = pathParam;
        if (raw != null && raw.matches("[0-9]{1,18}")) {
            return Long.parseLong(raw);
        }
        throw ApiProblem.notFound("there is no " + what + " '" + ApiProblem.echo(raw) + "'");
    }

    /** The raw path parameter ({file} of static resources). */
    String pathParam() {
        return pathParam;
    }

    /** {@code limit}: 1 to max; max when absent. */
    int limit(int max) {
        String v = param("limit");
        if (v == null) {
            return max;
        }
        if (v.matches("[0-9]{1,9}")) {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= max) {
                return n;
            }
        }
        throw ApiProblem.badRequest("limit must be a whole number from 1 to " + max + ", was '" + ApiProblem.echo(v) + "'");
    }
}
