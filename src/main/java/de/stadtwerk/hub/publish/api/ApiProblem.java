package de.stadtwerk.hub.publish.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer other than success, sent as {@code application/problem+json} (RFC 9457): status, a short title and
 * a detail that says what is wrong. Thrown by the API's request handling and turned into the response in one
 * place ({@link PartnerApi}); never carries a stack trace or SQL text to the client.
 */
public final class ApiProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiProblem(int status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "Bad request", detail);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not found", detail);
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(401, "Unauthorized", detail).header("WWW-Authenticate", "Bearer realm=\"stadtwerk-hub\"");
    }

    public ApiProblem header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** Shortens and cleans what a caller sent before it is echoed in a detail. */
    public static String echo(String input) {
        if (input == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        input.codePoints().limit(80).forEach(cp -> b.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return input.codePointCount(0, input.length()) > 80 ? b + "…" : b.toString();
    }
}
