package de.stadtwerk.hub.publish.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Answers requests under {@code /api/} that no operation takes (unknown path or method) with a 404
 * {@code application/problem+json}, like every other API error: a last route on the business router. (A body above
 * {@code camel.server.max-body-size} is refused with 413 by the server's body handler before any route; that
 * answer has no body.)
 */
final class HttpErrorPages {

    private HttpErrorPages() {
    }

    static void install(CamelContext context, int port) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            return;
        }
        router.route("/api/*").last().handler(handler(404, "Not found",
                "there is no such resource or method; see /api/v1/docs"));
    }

    private static Handler<RoutingContext> handler(int status, String title, String detail) {
        return ctx -> {
            if (ctx.response().ended()) {
                return;
            }
            String path = ctx.request().path();
            if (path == null || !path.startsWith("/api/")) {
                ctx.response().setStatusCode(status).end();
                return;
            }
            byte[] body = Output.problem(new ApiProblem(status, title, detail), null);
            ctx.response().setStatusCode(status).putHeader("Content-Type", Output.PROBLEM)
                    .putHeader("Cache-Control", "no-store").end(io.vertx.core.buffer.Buffer.buffer(body));
        };
    }
}
