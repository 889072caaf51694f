package de.stadtwerk.hub.publish.export;

import java.io.IOException;

/** A push target did not answer usefully: refused connection, timeout, 5xx or 429. Worth another attempt. */
public class ExportTargetUnavailableException extends IOException {

    public ExportTargetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public ExportTargetUnavailableException(String message) {
        super(message);
    }
}
