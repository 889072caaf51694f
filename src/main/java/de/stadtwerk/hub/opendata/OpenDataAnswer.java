package de.stadtwerk.hub.opendata;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The answer to an {@link OpenDataRequest}, live or replayed. The body is in memory or in a file; it can be opened
 * again (a redelivered import step reads it once more). The import marks the outcome, which is recorded with the
 * validators ({@link OpenDataGateway#remember}).
 */
public final class OpenDataAnswer {

    /** What came back. */
    public enum Status {
        /** New content (200 with a body that differs from the last one). */
        FRESH,
        /** 304 Not Modified, or the same content as last time: nothing to do. */
        UNCHANGED,
        /** 404/410 or another client error: the configuration asks for something the portal does not have. */
        NOT_FOUND,
        /** An answer that cannot be used as it is (too large); quarantined. */
        REJECTED,
        /** The portal could not be reached (retries used up, or the circuit breaker is open). */
        UNAVAILABLE
    }

    private final OpenDataRequest request;
    private final Status status;
    private final int httpStatus;
    private final byte[] body;
    private final Path bodyFile;
    private final String contentType;
    private final String etag;
    private final String lastModified;
    private final String sha256;
    private final Instant fetchedAt;
    private final String detail;
    private volatile String outcome;

    OpenDataAnswer(OpenDataRequest request, Status status, int httpStatus, byte[] body, Path bodyFile,
                   String contentType, String etag, String lastModified, String sha256, Instant fetchedAt,
                   String detail) {
        this.request = request;
        this.status = status;
        this.httpStatus = httpStatus;
        this.body = body;
        this.bodyFile = bodyFile;
        this.contentType = contentType;
        this.etag = etag;
        this.lastModified = lastModified;
        this.sha256 = sha256;
        this.fetchedAt = fetchedAt;
        this.detail = detail;
    }

    /** An answer without a body (not found, unavailable …). */
    static OpenDataAnswer without(OpenDataRequest request, Status status, int httpStatus, Instant at, String detail) {
        return new OpenDataAnswer(request, status, httpStatus, null, null, null, null, null, null, at, detail);
    }

    public OpenDataRequest request() {
        return request;
    }

    public Status status() {
        return status;
    }

    /** True when the content is new and must be imported. */
    public boolean isFresh() {
        return status == Status.FRESH;
    }

    /** True when a body is available (fresh, or unchanged with a kept body). */
    public boolean isHasBody() {
        return body != null || bodyFile != null;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Opens the body; each call starts at the beginning. */
    public InputStream openBody() {
        try {
            if (body != null) {
                return new ByteArrayInputStream(body);
            }
            if (bodyFile != null) {
                return Files.newInputStream(bodyFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the downloaded answer of " + request.url() + " cannot be read: " + e.getMessage(), e);
        }
        throw new IllegalStateException("the answer of " + request.url() + " (" + status + ") has no body");
    }

    /** The body in memory, or null when it is in a file or absent. */
    public byte[] bodyBytes() {
        return body;
    }

    public Path bodyFile() {
        return bodyFile;
    }

    public long size() {
        try {
            return body != null ? body.length : bodyFile != null ? Files.size(bodyFile) : 0;
        } catch (IOException e) {
            return -1;
        }
    }

    public String contentType() {
        return contentType;
    }

    public String etag() {
        return etag;
    }

    public String lastModified() {
        return lastModified;
    }

    /** SHA-256 of the body (hex), or null without a body. */
    public String sha256() {
        return sha256;
    }

    public Instant fetchedAt() {
        return fetchedAt;
    }

    /** Why there is no usable body, for logs. */
    public String detail() {
        return detail;
    }

    /** What the import made of it: {@code IMPORTED} or {@code QUARANTINED}; null before the import. */
    public String outcome() {
        return outcome;
    }

    void outcome(String value) {
        this.outcome = value;
    }

    /** The same answer as unchanged (same content as the last one): keeps the body, not imported again. */
    OpenDataAnswer asUnchanged() {
        return new OpenDataAnswer(request, Status.UNCHANGED, httpStatus, body, bodyFile, contentType, etag,
                lastModified, sha256, fetchedAt, "same content as the last answer");
    }

    @Override
    public String toString() {
        return status + " " + request.url() + (httpStatus > 0 ? " (HTTP " + httpStatus + ")" : "")
                + (detail != null ? ": " + detail : "");
    }
}
