package de.stadtwerk.hub.publish.api;

import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform-http engine bound as {@code platform-http-engine}: it serves REST DSL and {@code platform-http:}
 * routes on the business port ({@code camel.server.port}).
 *
 * <p>Camel 4.17's engine finds its port by looking for the one Vert.x server in the registry; with the management
 * server on its own port there are two, and it falls back to 8080 (see docs/decisions.md, "Partner API"). Naming
 * the port here lets the management surface live on a separate port whatever the business port is. With
 * {@code camel.server.enabled=false} (route tests) the HTTP routes start without serving anything.
 */
public class BusinessPortHttpEngine extends VertxPlatformHttpEngine {

    private static final Logger LOG = LoggerFactory.getLogger(BusinessPortHttpEngine.class);

    private final int port;
    private final boolean serverEnabled;

    public BusinessPortHttpEngine(int port, boolean serverEnabled) {
        this.port = port;
        this.serverEnabled = serverEnabled;
    }

    @Override
    public int getServerPort() {
        return port > 0 ? port : super.getServerPort();
    }

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        if (!serverEnabled) {
            LOG.debug("HTTP server disabled: {} is not served", endpoint.getPath());
            return new InertConsumer(endpoint, processor);
        }
        return super.createConsumer(endpoint, processor);
    }

    /** A consumer that starts and serves nothing (HTTP server disabled). */
    static final class InertConsumer extends DefaultConsumer implements PlatformHttpConsumer {
        InertConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
            super(endpoint, processor);
        }

        @Override
        public PlatformHttpEndpoint getEndpoint() {
            return (PlatformHttpEndpoint) super.getEndpoint();
        }
    }
}
