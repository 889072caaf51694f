package de.stadtwerk.hub.publish.export;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attempts of one request to a push target, with exponential back-off ({@code hub.export.retry.*}). Only
 * {@link ExportTargetUnavailableException} is retried; a refusal ({@link ExportRejectedException}) fails at once.
 * Kept per target rather than in the route's redelivery policy: one run sends many batches, and when the target is
 * down the run stops after the first batch that used up its attempts instead of waiting for every batch in turn.
 */
public class Retrier {

    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

    /** One attempt of the request. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws ExportTargetUnavailableException;
    }

    private final int maxAttempts;
    private final long initialDelayMs;
    private final long maxDelayMs;

    public Retrier(int maxAttempts, long initialDelayMs, long maxDelayMs) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(ExportSettings.RETRY_MAX_ATTEMPTS + " must be at least 1, is " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.initialDelayMs = Math.max(0, initialDelayMs);
        this.maxDelayMs = Math.max(this.initialDelayMs, maxDelayMs);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The wait before attempt {@code attempt} (2, 3 …). */
    long delayBefore(int attempt) {
        long d = initialDelayMs;
        for (int i = 2; i < attempt && d < maxDelayMs; i++) {
            d *= 2;
        }
        return Math.min(d, maxDelayMs);
    }

    /**
     * Runs the request until it succeeds, is refused, or has used its attempts.
     *
     * @throws ExportFailedException with the last cause and the number of attempts made
     */
    public <T> T call(String what, Attempt<T> attempt) {
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (ExportRejectedException e) {
                throw new ExportFailedException(what + " refused", e, n);
            } catch (ExportTargetUnavailableException e) {
                if (n >= maxAttempts) {
                    throw new ExportFailedException(what + " failed after " + n + " attempt(s)", e, n);
                }
                long wait = delayBefore(n + 1);
                LOG.warn("{}: attempt {}/{} failed ({}); next attempt in {} ms", what, n, maxAttempts, e.getMessage(), wait);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new ExportFailedException(what + " interrupted", e, n);
                }
            }
        }
    }
}
