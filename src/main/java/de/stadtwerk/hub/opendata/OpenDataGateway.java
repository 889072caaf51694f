package de.stadtwerk.hub.opendata;

import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.quarantine.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean the open-data routes call around the fetch ({@code openData}): fetch through the client of the mode,
 * the fallback of the circuit breaker, quarantine of malformed answers, and recording the validators after a
 * successful import. Keeps one status line per source and logs only its changes, so a portal that is down gives
 * one WARN when it goes down and one INFO when it is back, not a stack trace per schedule.
 */
public class OpenDataGateway {

    private static final Logger LOG = LoggerFactory.getLogger(OpenDataGateway.class);
    /** Outcome recorded for an answer that was imported. */
    public static final String IMPORTED = "IMPORTED";
    /** Outcome recorded for an answer that went to the quarantine. */
    public static final String QUARANTINED = "QUARANTINED";
    /** Largest payload put into the quarantine (characters); the rest is cut and the reason says so. */
    static final int MAX_PAYLOAD = 1_000_000;

    /** The state of one source, for logs and the console. */
    public record SourceStatus(boolean available, Instant since, String lastProblem, long fetches, long failures,
                               OpenDataAnswer.Status lastAnswer) {
    }

    private final OpenDataClient client;
    private final FetchCache cache;
    private final QuarantineStore quarantine;
    private final Clock clock;
    private final String mode;
    private final Map<String, SourceStatus> status = new ConcurrentHashMap<>();

    public OpenDataGateway(OpenDataClient client, FetchCache cache, QuarantineStore quarantine, Clock clock, String mode) {
        this.client = client;
        this.cache = cache;
        this.quarantine = quarantine;
        this.clock = clock;
        this.mode = mode;
    }

    /** live or replay. */
    public String mode() {
        return mode;
    }

    /** Fetches the answer; a rejected answer is quarantined here, a missing one logged. */
    public OpenDataAnswer fetch(OpenDataRequest request) {
        OpenDataAnswer answer = client.fetch(request);
        available(request.source(), answer.status());
        switch (answer.status()) {
            case REJECTED -> reject(answer, answer.detail());
            case NOT_FOUND -> LOG.warn("{}: {} gives {}; check the configuration", request.source(), request.url(),
                    answer.detail());
            case UNCHANGED -> LOG.debug("{}: {} unchanged ({})", request.source(), request.url(), answer.detail());
            default -> LOG.debug("{}: {} new content, {} bytes", request.source(), request.url(), answer.size());
        }
        return answer;
    }

    /**
     * The circuit breaker's fallback: the portal could not be reached (retries used up) or the breaker is open.
     * Logs once per outage; returns an UNAVAILABLE answer, so the route skips the import and the previous data
     * stays.
     */
    public OpenDataAnswer unavailable(OpenDataRequest request, Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        // Camel sets RESPONSE_SHORT_CIRCUITED on every fallback (also after a real failure of the portal); only
        // Resilience4j's CallNotPermittedException means the breaker was open and the portal was not asked
        boolean shortCircuited = cause instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException
                || (cause == null && Boolean.TRUE.equals(exchange.getProperty(
                        org.apache.camel.spi.CircuitBreakerConstants.RESPONSE_SHORT_CIRCUITED, Boolean.class)));
        String problem = shortCircuited ? "circuit breaker open, portal not asked"
                : cause == null ? "unavailable" : cause.getMessage();
        String source = request.source();
        SourceStatus before = status.get(source);
        SourceStatus after = new SourceStatus(false, before != null && !before.available() ? before.since() : clock.instant(),
                problem, count(before, true), (before == null ? 0 : before.failures()) + 1,
                OpenDataAnswer.Status.UNAVAILABLE);
        status.put(source, after);
        countFailure(exchange, source, shortCircuited);
        if (before == null || before.available()) {
            LOG.warn("Open-data source {} is unavailable: {}. The previous data stays; the hub tries again on schedule"
                    + " (further failures are logged at DEBUG until it is back).", source, problem);
        } else {
            LOG.debug("Open-data source {} still unavailable: {}", source, problem);
        }
        return OpenDataAnswer.without(request, OpenDataAnswer.Status.UNAVAILABLE, 0, clock.instant(), problem);
    }

    /**
     * Metric {@code hub_opendata_fetch_failures_total{source, reason}} in /observe/metrics: fetches that gave no
     * answer (reason {@code failed}: after the client's retries; {@code short-circuited}: the circuit breaker was
     * open and the portal was not asked).
     */
    private static void countFailure(Exchange exchange, String source, boolean shortCircuited) {
        io.micrometer.core.instrument.MeterRegistry registry = exchange == null ? null
                : exchange.getContext().getRegistry().findSingleByType(io.micrometer.core.instrument.MeterRegistry.class);
        if (registry != null) {
            io.micrometer.core.instrument.Counter.builder("hub.opendata.fetch.failures")
                    .description("open-data fetches without an answer (portal failed, or circuit breaker open)")
                    .tag("source", source).tag("reason", shortCircuited ? "short-circuited" : "failed")
                    .register(registry).increment();
        }
    }

    private void available(String source, OpenDataAnswer.Status answer) {
        SourceStatus before = status.get(source);
        if (before != null && !before.available()) {
            LOG.info("Open-data source {} is available again (down since {}, {} failed fetch(es))", source,
                    before.since(), before.failures());
        }
        status.put(source, new SourceStatus(true, before != null && before.available() ? before.since() : clock.instant(),
                null, count(before, true), before == null ? 0 : before.failures(), answer));
    }

    private static long count(SourceStatus s, boolean add) {
        return (s == null ? 0 : s.fetches()) + (add ? 1 : 0);
    }

    /** Records the answer's validators after its import, so that the next unchanged answer is skipped. */
    public void remember(OpenDataAnswer answer) {
        if (answer == null || answer.sha256() == null || answer.status() != OpenDataAnswer.Status.FRESH) {
            return;
        }
        cache.remember(answer, answer.outcome() == null ? IMPORTED : answer.outcome());
    }

    /** Marks the answer imported. */
    public void imported(OpenDataAnswer answer) {
        answer.outcome(IMPORTED);
    }

    /**
     * Puts a malformed answer into the quarantine with its URL and the reason; the previous good data stays. Its
     * hash is recorded too, so the same broken answer is not quarantined again on every schedule.
     */
    public void reject(OpenDataAnswer answer, String reason) {
        OpenDataRequest r = answer.request();
        String why = r.url() + ": " + reason;
        String payload = null;
        if (answer.isHasBody()) {
            payload = payload(answer);
            if (payload.startsWith("base64:")) {
                why += " (binary answer, stored base64)";
            }
            if (answer.size() > MAX_PAYLOAD) {
                why += " (payload cut to the first " + MAX_PAYLOAD + " characters of " + answer.size() + " bytes)";
            }
        }
        quarantine.add(java.util.List.of(new Rejection(payload, why, r.source(), r.routeId(), null)));
        answer.outcome(QUARANTINED);
        LOG.warn("Quarantined an answer of {}: {}", r.source(), why);
        if (answer.sha256() != null && answer.status() == OpenDataAnswer.Status.FRESH) {
            cache.remember(answer, QUARANTINED);
        }
    }

    private static String payload(OpenDataAnswer answer) {
        byte[] head;
        try (InputStream in = answer.openBody()) {
            head = in.readNBytes(MAX_PAYLOAD);
        } catch (IOException e) {
            return null;
        }
        boolean zip = head.length >= 2 && head[0] == 'P' && head[1] == 'K';
        if (!zip) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(head)).toString();
            } catch (CharacterCodingException e) {
                boolean text = true;
                for (byte b : head) {
                    if (b == 0) {
                        text = false;
                        break;
                    }
                }
                if (text) {
                    return new String(head, StandardCharsets.ISO_8859_1);
                }
            }
        }
        return "base64:" + Base64.getEncoder().encodeToString(head);
    }

    /** The state of every source that was fetched since the start. */
    public Map<String, SourceStatus> status() {
        return Map.copyOf(status);
    }
}
