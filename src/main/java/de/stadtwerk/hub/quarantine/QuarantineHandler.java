package de.stadtwerk.hub.quarantine;

import de.stadtwerk.hub.support.HubHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean the shared error handling calls for bad input ({@link BadInputException} and other data errors):
 * puts the exchange's original message into the quarantine with the exception's message as the reason. When the
 * message was itself a replay ({@code HubQuarantineId}), the existing item is updated instead.
 */
public class QuarantineHandler {

    private static final Logger LOG = LoggerFactory.getLogger(QuarantineHandler.class);

    private final QuarantineStore store;

    public QuarantineHandler(QuarantineStore store) {
        this.store = store;
    }

    public void quarantine(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (cause == null) {
            cause = exchange.getException();
        }
        Message original = exchange.getUnitOfWork() != null && exchange.getUnitOfWork().getOriginalInMessage() != null
                ? exchange.getUnitOfWork().getOriginalInMessage() : exchange.getMessage();
        String payload = payloadOf(original);
        String routeId = exchange.getFromRouteId();
        String source = exchange.getMessage().getHeader(HubHeaders.SOURCE, routeId, String.class);
        String reason = describe(cause, exchange);
        Long replayOf = exchange.getMessage().getHeader(HubHeaders.QUARANTINE_ID, Long.class);
        if (replayOf != null) {
            store.recordFailedReplay(replayOf, reason);
        } else {
            store.add(List.of(new Rejection(payload, reason, source, routeId, replayEndpoint(exchange))));
        }
        LOG.warn("Quarantined input of route {} ({}): {}", routeId, source, reason);
    }

    private static String replayEndpoint(Exchange exchange) {
        String explicit = exchange.getMessage().getHeader(HubHeaders.REPLAY_ENDPOINT, String.class);
        if (explicit != null) {
            return explicit;
        }
        String from = exchange.getFromEndpoint() == null ? null : exchange.getFromEndpoint().getEndpointUri();
        return from != null && (from.startsWith("direct:") || from.startsWith("direct://")) ? from : null;
    }

    private static String payloadOf(Message m) {
        Object body = m.getBody();
        if (body == null) {
            return null;
        }
        if (body instanceof String s) {
            return s;
        }
        byte[] bytes = m.getBody(byte[].class);
        return bytes != null ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(body);
    }

    private static String describe(Exception cause, Exchange exchange) {
        if (cause == null) {
            return "rejected by route " + exchange.getFromRouteId() + " without an exception";
        }
        String file = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        String msg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return file != null && !msg.contains(file) ? file + ": " + msg : msg;
    }
}
