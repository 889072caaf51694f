package de.stadtwerk.hub.publish.export;

import java.io.IOException;
import de.stadtwerk.hub.opendata.SourceUrlGuard;
import de.stadtwerk.hub.opendata.SourceUrlRefusedException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The HTTP client of the push targets (java.net.http). One request per call; the answer's status decides:
 * 2xx and 404 come back to the caller, 5xx, 429, refused connections and timeouts become
 * {@link ExportTargetUnavailableException} (retried by {@link Retrier}), other 4xx {@link ExportRejectedException}.
 * Credentials are set by the caller as headers and never appear in an exception message or a log line.
 */
public class ExportHttp {

    /** A target's answer. */
    public record Response(int status, String body, HttpResponse<String> raw) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public Optional<String> header(String name) {
            return raw == null ? Optional.empty() : raw.headers().firstValue(name);
        }
    }

    private final HttpClient client;
    private final Duration requestTimeout;
    private final String userAgent;
    private final SourceUrlGuard guard;

    /** Without a host allow-list (tests against a stub). */
    public ExportHttp(Duration connectTimeout, Duration requestTimeout, String userAgent) {
        this(connectTimeout, requestTimeout, userAgent, null);
    }

    /**
     * @param guard checks every request's URL before connecting (the hub's allow-list of push targets; SSRF
     *              protection for URLs a target sends back, such as {@code @iot.navigationLink}s); null: no check
     */
    public ExportHttp(Duration connectTimeout, Duration requestTimeout, String userAgent, SourceUrlGuard guard) {
        this.guard = guard;
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.requestTimeout = requestTimeout;
        this.userAgent = userAgent;
    }

    /** A request builder with timeout and User-Agent set. */
    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(requestTimeout).header("User-Agent", userAgent);
    }

    /**
     * Sends the request; {@code what} names it in errors (method and URL without query secrets).
     */
    public Response send(HttpRequest request, String what) throws ExportTargetUnavailableException {
        if (guard != null) {
            try {
                guard.check(request.uri());
            } catch (SourceUrlRefusedException e) {
                throw new ExportRejectedException(0, what + ": " + e.getMessage());
            }
        }
        HttpResponse<String> r;
        try {
            r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new ExportTargetUnavailableException(what + ": no answer within the timeout", e);
        } catch (IOException e) {
            throw new ExportTargetUnavailableException(what + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExportTargetUnavailableException(what + ": interrupted", e);
        }
        int status = r.statusCode();
        String body = r.body() == null ? "" : r.body();
        if (status >= 500 || status == 429 || status == 408) {
            throw new ExportTargetUnavailableException(what + ": HTTP " + status + excerpt(body));
        }
        if (status >= 400 && status != 404) {
            throw new ExportRejectedException(status, what + ": HTTP " + status + excerpt(body));
        }
        return new Response(status, body, r);
    }

    /** Sends and expects 2xx (a 404 is then refused too). */
    public Response sendOk(HttpRequest request, String what) throws ExportTargetUnavailableException {
        Response r = send(request, what);
        if (!r.ok()) {
            throw new ExportRejectedException(r.status(), what + ": HTTP " + r.status() + excerpt(r.body()));
        }
        return r;
    }

    static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String b = body.replaceAll("\\s+", " ").trim();
        return " — " + (b.length() > 500 ? b.substring(0, 500) + " …" : b);
    }
}
