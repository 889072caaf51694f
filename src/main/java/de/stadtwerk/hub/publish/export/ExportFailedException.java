package de.stadtwerk.hub.publish.export;

/**
 * A push did not go through after its attempts ({@link Retrier}): the target stayed unavailable, or refused the
 * request. Carries the number of attempts for the dead-letter entry.
 */
public class ExportFailedException extends RuntimeException {

    private final int attempts;

    public ExportFailedException(String message, Throwable cause, int attempts) {
        super(message, cause);
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }

    /** Whether the target refused (4xx) rather than being unavailable. */
    public boolean rejected() {
        return getCause() instanceof ExportRejectedException;
    }

    /** Whether the target refused our credentials (401/403): no further request of this run can succeed. */
    public boolean authentication() {
        return getCause() instanceof ExportRejectedException r && r.authentication();
    }

    /** The cause and its causes, one line. */
    public String describe() {
        StringBuilder sb = new StringBuilder(getMessage());
        Throwable t = getCause();
        int depth = 0;
        while (t != null && depth++ < 4) {
            sb.append(" <- ").append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            t = t.getCause() == t ? null : t.getCause();
        }
        return sb.length() > 3900 ? sb.substring(0, 3900) + " …" : sb.toString();
    }
}
