package de.stadtwerk.hub.publish.api;

import de.stadtwerk.hub.store.StoreUnavailableException;
import io.vertx.core.http.HttpServerRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean behind {@code routes/publish/partner-api.camel.yaml} (bean {@code partnerApi}): every REST verb of the
 * API sends its exchange to {@code direct:partner-api}, whose route calls {@link #handle}. The operation is the
 * REST verb's route id. The request is read from the HTTP request itself (path, raw query, a few named headers),
 * never from Camel headers; the response replaces every header of the message, so no request header is echoed.
 * Failures become {@code application/problem+json}: 4xx for anything the caller can fix, 503 when the store is
 * unavailable, 500 (without details, logged here) for a fault of ours.
 */
public class PartnerApi {

    private static final Logger LOG = LoggerFactory.getLogger(PartnerApi.class);

    private final Access access;
    private final DataResources data;
    private final AdminResources admin;
    private final ApiDocs docs;
    private final ApiSettings settings;
    private final RateLimiter limiter;

    PartnerApi(Access access, DataResources data, AdminResources admin, ApiDocs docs, ApiSettings settings, RateLimiter limiter) {
        this.access = access;
        this.data = data;
        this.admin = admin;
        this.docs = docs;
        this.settings = settings;
        this.limiter = limiter;
    }

    /** Answers one API request; the exchange's message becomes the response. */
    public void handle(Exchange exchange) {
        Message message = exchange.getMessage();
        HttpMessage http = exchange.getIn(HttpMessage.class);
        HttpServerRequest request = http == null ? null : http.getRequest();
        String path = request == null ? null : request.path();
        ApiResponse response;
        try {
            if (request == null) {
                throw new IllegalStateException("partner API called without an HTTP request (route " + exchange.getFromRouteId() + ")");
            }
            ApiOperation op = ApiOperation.ofRouteId(exchange.getFromRouteId()).orElseThrow(() ->
                    new IllegalStateException("no API operation for route " + exchange.getFromRouteId()));
            String client = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
            byte[] body = op.method().equals("POST") ? message.getBody(byte[].class) : null;
            response = dispatch(op, request, client, body);
            response.conditional(request.getHeader("If-None-Match"))
                    .compressed(request.getHeader("Accept-Encoding"), settings.gzipMinSize);
        } catch (ApiProblem p) {
            response = ApiResponse.problem(p, path);
        } catch (StoreUnavailableException e) {
            LOG.warn("Partner API {}: the store is unavailable: {}", path, e.getMessage());
            response = ApiResponse.problem(new ApiProblem(503, "Service unavailable",
                    "the data store is not available at the moment; try again later").header("Retry-After", "10"), path);
        } catch (RuntimeException e) {
            LOG.error("Partner API {} failed", path, e);
            response = ApiResponse.problem(new ApiProblem(500, "Internal server error",
                    "the request could not be answered; the error is logged on the hub"), path);
        }
        write(message, response);
    }

    private ApiResponse dispatch(ApiOperation op, HttpServerRequest request, String client, byte[] body) {
        if (op == ApiOperation.OPENAPI || op == ApiOperation.DOCS) {
            long wait = limiter.acquire("docs:" + client, settings.anonymousPerMinute, settings.anonymousPerMinute);
            if (wait > 0) {
                throw new ApiProblem(429, "Too many requests", "try again in " + wait + " s")
                        .header("Retry-After", Long.toString(wait));
            }
            ApiRequest.parseQuery(request.query(), op);
            return op == ApiOperation.OPENAPI ? docs.openApi() : docs.page();
        }
        Caller caller = access.authenticate(request.getHeader("Authorization"), client);
        ApiRequest r = new ApiRequest(op, request.path(), request.query(), request::getHeader, client, body);
        ApiResponse response = switch (op) {
            case LIST_ASSETS -> data.assets(r, caller);
            case GET_ASSET -> data.asset(r, caller);
            case LIST_SERIES -> data.seriesList(r, caller);
            case GET_SERIES -> data.seriesOne(r, caller);
            case OBSERVATIONS -> data.observations(r, caller);
            case FORECASTS -> data.forecasts(r, caller);
            case LIST_DATASETS -> data.datasets(r, caller);
            case GET_DATASET -> data.dataset(r, caller);
            case LIST_KEYS -> admin.list(caller);
            case CREATE_KEY -> admin.create(r, caller);
            case REVOKE_KEY -> admin.revoke(r, caller);
            case OPENAPI, DOCS -> throw new IllegalStateException("handled above");
        };
        if (!response.headers.containsKey("Cache-Control")) {
            response.header("Cache-Control", caller.anonymous() ? "public, max-age=60" : "private, no-cache");
        }
        return response.header("Vary", "Accept, Accept-Encoding, Accept-Language, Authorization");
    }

    private static void write(Message message, ApiResponse response) {
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, response.status());
        if (response.contentType != null && response.body != null) {
            message.setHeader(Exchange.CONTENT_TYPE, response.contentType);
        }
        response.headers.forEach(message::setHeader);
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setBody(response.body);
    }
}
