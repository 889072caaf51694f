package de.stadtwerk.hub.opendata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches open data politely (java.net.http): a descriptive User-Agent; conditional requests from the
 * {@link FetchCache} (If-None-Match / If-Modified-Since), 304 and an identical body both count as unchanged;
 * gzip; timeouts for connect, headers and body; a size limit; retries with exponential back-off on 5xx, timeouts
 * and broken connections; {@code Retry-After} honoured on 429 and 503 (up to a cap; a longer wait gives up at
 * once). When the attempts are used up it throws {@link PortalUnavailableException}, which the circuit breaker
 * counts. Every URL, and every redirect hop (followed here, at most {@value #MAX_REDIRECTS}), is checked by the
 * {@link SourceUrlGuard} before a connection is opened; a refused one throws {@link SourceUrlRefusedException} at once.
 */
public class PoliteHttpClient implements OpenDataClient, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PoliteHttpClient.class);

    /** Waits between attempts; replaced in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /**
     * How polite the client is.
     *
     * @param userAgent      the User-Agent header (who is asking, and how to reach them)
     * @param connectTimeout TCP/TLS connect timeout
     * @param requestTimeout time until the response headers arrive
     * @param maxAttempts    attempts per fetch (1 = no retry)
     * @param initialDelay   first back-off; doubles per attempt
     * @param maxDelay       cap of the back-off
     * @param maxRetryAfter  the longest Retry-After the client waits for; a longer one gives up at once
     * @param downloadDir    where answers marked {@code toFile} are written
     */
    public record Policy(String userAgent, Duration connectTimeout, Duration requestTimeout, int maxAttempts,
                         Duration initialDelay, Duration maxDelay, Duration maxRetryAfter, Path downloadDir) {
    }

    /** Redirect hops followed per attempt at most. */
    static final int MAX_REDIRECTS = 5;

    private final HttpClient http;
    private final Policy policy;
    private final SourceUrlGuard guard;
    private final FetchCache cache;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ScheduledExecutorService watchdog;

    public PoliteHttpClient(Policy policy, SourceUrlGuard guard, FetchCache cache, Clock clock, Sleeper sleeper) {
        this.policy = policy;
        this.guard = guard;
        this.cache = cache;
        this.clock = clock;
        this.sleeper = sleeper;
        this.http = HttpClient.newBuilder().connectTimeout(policy.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "opendata-body-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public OpenDataAnswer fetch(OpenDataRequest request) {
        guard.check(request.url());
        Optional<FetchCache.Entry> cached = cache.get(request.url());
        Duration backOff = policy.initialDelay();
        String lastProblem = null;
        Throwable lastCause = null;
        for (int attempt = 1; ; attempt++) {
            Duration wait = backOff;
            try {
                HttpResponse<InputStream> response = send(request, cached);
                int status = response.statusCode();
                if (status == 304) {
                    response.body().close();
                    FetchCache.Entry e = cached.orElse(null);
                    return new OpenDataAnswer(request, OpenDataAnswer.Status.UNCHANGED, 304, e == null ? null : e.body(),
                            null, null, e == null ? null : e.etag(), e == null ? null : e.lastModified(),
                            e == null ? null : e.sha256(), clock.instant(), "304 Not Modified");
                }
                if (status >= 200 && status < 300) {
                    return read(request, response, cached);
                }
                response.body().close();
                if (status != 429 && status < 500) {
                    return OpenDataAnswer.without(request, OpenDataAnswer.Status.NOT_FOUND, status, clock.instant(),
                            "HTTP " + status);
                }
                lastProblem = "HTTP " + status;
                Duration retryAfter = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
                if (retryAfter != null) {
                    if (retryAfter.compareTo(policy.maxRetryAfter()) > 0) {
                        throw new PortalUnavailableException(request.url() + " answers HTTP " + status
                                + " and asks to wait " + retryAfter.toSeconds() + " s, longer than the "
                                + policy.maxRetryAfter().toSeconds() + " s the hub waits", null);
                    }
                    wait = retryAfter;
                    lastProblem += " (Retry-After " + retryAfter.toSeconds() + " s)";
                }
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                lastCause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PortalUnavailableException(request.url() + ": interrupted", e);
            }
            if (attempt >= policy.maxAttempts()) {
                throw new PortalUnavailableException(request.url() + ": " + lastProblem + " (gave up after " + attempt
                        + " attempt(s))", lastCause);
            }
            LOG.debug("{}: {}; attempt {} of {} in {} ms", request.url(), lastProblem, attempt + 1, policy.maxAttempts(),
                    wait.toMillis());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PortalUnavailableException(request.url() + ": interrupted", e);
            }
            backOff = min(backOff.multipliedBy(2), policy.maxDelay());
        }
    }

    /** Sends the request and follows redirects, each hop checked by the guard before it is connected to. */
    private HttpResponse<InputStream> send(OpenDataRequest request, Optional<FetchCache.Entry> cached)
            throws IOException, InterruptedException {
        URI uri = URI.create(request.url());
        for (int hop = 0; ; hop++) {
            HttpResponse<InputStream> response = http.send(build(uri, cached), HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (!(status == 301 || status == 302 || status == 303 || status == 307 || status == 308) || location.isEmpty()) {
                return response;
            }
            response.body().close();
            if (hop >= MAX_REDIRECTS) {
                throw new PortalUnavailableException(request.url() + ": more than " + MAX_REDIRECTS + " redirects", null);
            }
            URI next;
            try {
                next = uri.resolve(location.get());
            } catch (IllegalArgumentException e) {
                throw new PortalUnavailableException(request.url() + ": unreadable redirect to " + location.get(), e);
            }
            guard.check(next);
            uri = next;
        }
    }

    private HttpRequest build(URI uri, Optional<FetchCache.Entry> cached) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET()
                .timeout(policy.requestTimeout())
                .header("User-Agent", policy.userAgent())
                .header("Accept-Encoding", "gzip");
        cached.ifPresent(e -> {
            if (e.etag() != null) {
                b.header("If-None-Match", e.etag());
            }
            if (e.lastModified() != null) {
                b.header("If-Modified-Since", e.lastModified());
            }
        });
        return b.build();
    }

    private OpenDataAnswer read(OpenDataRequest request, HttpResponse<InputStream> response,
                                Optional<FetchCache.Entry> cached) throws IOException {
        InputStream raw = response.body();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> guard = watchdog.schedule(() -> {
            timedOut.set(true);
            try {
                raw.close();
            } catch (IOException ignored) {
                // closing is all we can do
            }
        }, request.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        MessageDigest md = FetchCache.digest();
        Path part = null;
        try (InputStream in = response.headers().firstValue("Content-Encoding").filter("gzip"::equalsIgnoreCase)
                .isPresent() ? new GZIPInputStream(raw) : raw) {
            OutputStream out;
            ByteArrayOutputStream memory = null;
            if (request.toFile()) {
                Files.createDirectories(policy.downloadDir());
                part = policy.downloadDir().resolve(request.source() + "-" + FetchCache.key(request.url()).substring(0, 16) + ".part");
                out = Files.newOutputStream(part);
            } else {
                memory = new ByteArrayOutputStream();
                out = memory;
            }
            long total = 0;
            try (OutputStream o = out) {
                byte[] buf = new byte[64 * 1024];
                for (int n; (n = in.read(buf)) > 0; ) {
                    total += n;
                    if (total > request.maxBytes()) {
                        return OpenDataAnswer.without(request, OpenDataAnswer.Status.REJECTED, response.statusCode(),
                                clock.instant(), "the answer is larger than " + request.maxBytes() + " bytes");
                    }
                    md.update(buf, 0, n);
                    o.write(buf, 0, n);
                }
            }
            Path file = null;
            if (part != null) {
                file = part.resolveSibling(part.getFileName().toString().replace(".part", ".body"));
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
                part = null;
            }
            String sha = HexFormat.of().formatHex(md.digest());
            OpenDataAnswer answer = new OpenDataAnswer(request, OpenDataAnswer.Status.FRESH, response.statusCode(),
                    memory == null ? null : memory.toByteArray(), file,
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null), sha, clock.instant(), null);
            return cached.map(FetchCache.Entry::sha256).filter(sha::equals).isPresent() ? answer.asUnchanged() : answer;
        } catch (IOException e) {
            if (timedOut.get()) {
                throw new IOException("the body was not complete within " + request.bodyTimeout().toSeconds() + " s", e);
            }
            throw e;
        } finally {
            guard.cancel(false);
            if (part != null) {
                Files.deleteIfExists(part);
            }
        }
    }

    /** Retry-After as delay-seconds or an HTTP date; null when absent or unreadable. */
    Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Duration d = Duration.between(clock.instant(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
