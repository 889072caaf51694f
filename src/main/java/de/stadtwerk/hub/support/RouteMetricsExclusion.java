package de.stadtwerk.hub.support;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.PatternHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leaves the routes named by {@code hub.metrics.route-policy-exclude} out of Camel's Micrometer route policy
 * ({@code camel.metrics.enable-route-policy}), route meters and context-wide meters alike; every other route keeps
 * them. Camel's own {@code excludePattern} drops only the route meters: the context-wide ones are still formatted
 * and timed for every exchange of an excluded route.
 *
 * <p>Why: the policy formats its exchange-property names with {@code String.format} and looks up a timer in the
 * registry at the end of every exchange. On the MQTT ingest (one exchange per batch, up to thousands a second) that
 * was a fifth of all bytes allocated and a tenth of the ingest threads' CPU at 2,000 msg/s (JFR, docs/benchmarks.md),
 * and its counters count batches, not messages; the route's own {@code hub_mqtt_*} meters count messages.
 */
final class RouteMetricsExclusion implements RoutePolicyFactory {

    private static final Logger LOG = LoggerFactory.getLogger(RouteMetricsExclusion.class);

    private final RoutePolicyFactory delegate;
    private final String[] patterns;

    RouteMetricsExclusion(RoutePolicyFactory delegate, String[] patterns) {
        this.delegate = delegate;
        this.patterns = patterns;
    }

    /**
     * Wraps Camel's Micrometer route policy factory in the context, if there is one, so that it makes no policy for
     * the routes matching {@code exclude} (route ids or patterns with {@code *} or a regular expression, separated by
     * commas; blank: none). Returns whether a factory was wrapped.
     *
     * @throws IllegalArgumentException a pattern that is not a valid regular expression (named with the key)
     */
    static boolean apply(CamelContext context, String exclude) {
        String[] patterns = Arrays.stream(exclude == null ? new String[0] : exclude.split(","))
                .map(String::trim).filter(p -> !p.isEmpty()).toArray(String[]::new);
        if (patterns.length == 0) {
            return false;
        }
        for (String p : patterns) {
            try {
                if (!p.endsWith("*")) {
                    Pattern.compile(p); // Camel's matcher takes a broken expression as "matches nothing", silently
                }
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("hub.metrics.route-policy-exclude: '" + p + "' is neither a route id,"
                        + " nor a prefix ending in *, nor a regular expression (" + e.getDescription() + ")", e);
            }
        }
        List<RoutePolicyFactory> factories = context.getRoutePolicyFactories();
        for (int i = 0; i < factories.size(); i++) {
            if (factories.get(i) instanceof MicrometerRoutePolicyFactory micrometer) {
                factories.set(i, new RouteMetricsExclusion(micrometer, patterns));
                LOG.info("Camel's Micrometer route meters leave out the routes {} (hub.metrics.route-policy-exclude)",
                        String.join(", ", patterns));
                return true;
            }
        }
        return false;
    }

    boolean excludes(String routeId) {
        return routeId != null && PatternHelper.matchPatterns(routeId, patterns);
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        return excludes(routeId) ? null : delegate.createRoutePolicy(camelContext, routeId, route);
    }
}
