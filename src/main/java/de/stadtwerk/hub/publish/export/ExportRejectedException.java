package de.stadtwerk.hub.publish.export;

/**
 * A push target answered, but refused the request (4xx: bad token, missing rights, validation error, conflict).
 * Another attempt would get the same answer, so it is not retried.
 */
public class ExportRejectedException extends RuntimeException {

    private final int status;

    public ExportRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }

    /** 401 or 403: every further request of this run would be refused too. */
    public boolean authentication() {
        return status == 401 || status == 403;
    }
}
