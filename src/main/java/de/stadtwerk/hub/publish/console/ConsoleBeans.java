package de.stadtwerk.hub.publish.console;

import de.stadtwerk.hub.publish.api.Access;
import de.stadtwerk.hub.publish.export.ExportDeadLetters;
import de.stadtwerk.hub.publish.feed.FeedDeliveries;
import de.stadtwerk.hub.quarantine.QuarantineReplayer;
import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.support.HubSettings;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.Registry;

/**
 * The operator console's beans (listed after {@code ApiBeans} and {@code FeedBeans} in
 * {@code camel.main.configuration-classes}): {@code consoleApi}, the handler of {@code routes/publish/console.camel.yaml}
 * (it also uses {@code exportDeadLetters} of {@code ExportBeans}, looked up on first use, so the order of the two does
 * not matter), and {@code routeStatistics}, the route policy that counts every route's exchanges without JMX. Unknown
 * paths under {@code /console/api/} are answered with a 404 problem+json.
 */
public class ConsoleBeans implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        HubSettings hub = registry.lookupByNameAndType("hubSettings", HubSettings.class);
        Access access = registry.lookupByNameAndType("apiAccess", Access.class);
        QuarantineStore quarantine = registry.lookupByNameAndType("quarantineStore", QuarantineStore.class);
        QuarantineReplayer replayer = registry.lookupByNameAndType("quarantineReplayer", QuarantineReplayer.class);
        if (hub == null || access == null || quarantine == null || replayer == null) {
            throw new IllegalStateException("ConsoleBeans needs the beans of HubBeans and ApiBeans: list"
                    + " de.stadtwerk.hub.publish.console.ConsoleBeans after them in camel.main.configuration-classes");
        }
        FeedDeliveries feeds = registry.lookupByNameAndType("feedDeliveries", FeedDeliveries.class);
        Clock clock = Clock.systemUTC();
        RouteStatistics statistics = new RouteStatistics(clock);
        context.addRoutePolicyFactory(statistics);
        registry.bind("routeStatistics", statistics);
        // exportDeadLetters is bound by ExportBeans, which is configured after this class: looked up on first use
        ConsoleExports exports = new ConsoleExports(() -> registry.lookupByNameAndType("exportDeadLetters",
                ExportDeadLetters.class));
        registry.bind("consoleApi", new ConsoleApi(context, access, statistics, new ConsoleSettings(hub), quarantine,
                replayer, feeds, exports, clock));

        int port = hub.integer("camel.server.port", 8080);
        if (hub.bool("camel.server.enabled", false)) {
            context.addStartupListener((ctx, alreadyStarted) -> notFoundBelowApi(ctx, port));
        }
    }

    private static void notFoundBelowApi(CamelContext context, int port) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            return;
        }
        byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Not found\",\"status\":404,\"detail\":\"the console has no"
                + " such operation or method\"}").getBytes(StandardCharsets.UTF_8);
        router.route("/console/*").last().handler(ctx -> {
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(404).putHeader("Content-Type", "application/problem+json")
                        .putHeader("Cache-Control", "no-store").end(Buffer.buffer(body));
            }
        });
    }
}
