package de.stadtwerk.hub.publish.feed;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.spi.RouteTemplateParameterSource;

/**
 * Turns every enabled feed into a route from the template {@code publish-feed-schedule} of
 * {@code routes/publish/feeds.camel.yaml}: route id {@code publish-feed-<id>}, parameters {@code feedId} and
 * {@code cron}. Camel reads every bean of this type from the registry when the context starts.
 */
public final class FeedSchedules implements RouteTemplateParameterSource {

    /** The id of the route template in routes/publish/feeds.camel.yaml. */
    public static final String TEMPLATE_ID = "publish-feed-schedule";

    private final Map<String, Map<String, Object>> routes = new LinkedHashMap<>();

    public FeedSchedules(FeedCatalogue catalogue) {
        for (FeedDefinition f : catalogue.all()) {
            if (f.enabled()) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put(RouteTemplateParameterSource.TEMPLATE_ID, TEMPLATE_ID);
                p.put("feedId", f.id());
                p.put("cron", f.cron().trim());
                routes.put(routeId(f.id()), p);
            }
        }
    }

    public static String routeId(String feedId) {
        return "publish-feed-" + feedId;
    }

    @Override
    public Map<String, Object> parameters(String routeId) {
        return new LinkedHashMap<>(routes.get(routeId));
    }

    @Override
    public Set<String> routeIds() {
        return routes.keySet();
    }
}
