package de.stadtwerk.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * The guard against a broken edit: boots the hub with every file under routes/ and kamelets/ and checks that
 * every route they define started, and that every Kamelet can be used in a route.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {"camel.server.enabled=true", "camel.server.port=0", "camel.server.host=127.0.0.1",
            "camel.management.enabled=false",
            "hub.db.url=jdbc:h2:mem:smoke-test;DB_CLOSE_DELAY=-1", "hub.data.dir=target/smoke-test",
            "hub.embedded.opcua.port=0", "hub.embedded.mqtt.port=0", "hub.embedded.mqtt.persistence=in-memory"})
class AllRoutesSmokeTest {

    @BeanInject
    CamelContext context;

    @Test
    void everyRouteOfEveryRouteFileStarted() {
        List<String> expected = new ArrayList<>();
        for (Path file : RouteFiles.routeFiles()) {
            expected.addAll(RouteFiles.routeIds(file));
        }
        assertThat(expected).as("route files define routes").isNotEmpty();
        for (String id : expected) {
            Route route = context.getRoute(id);
            assertThat(route).as("route " + id + " is loaded").isNotNull();
            assertThat(context.getRouteController().getRouteStatus(id)).as("route " + id).isEqualTo(ServiceStatus.Started);
        }
        assertThat(context.getRoutes()).extracting(Route::getRouteId).containsAll(expected);
    }

    @Test
    void everyKameletCanBeUsed() throws Exception {
        List<Path> kamelets = RouteFiles.kameletFiles();
        assertThat(kamelets).isNotEmpty();
        for (Path file : kamelets) {
            String name = file.getFileName().toString().replace(".kamelet.yaml", "");
            String type = RouteFiles.read(file).path("metadata").path("labels").path("camel.apache.org/kamelet.type").asText();
            String params = "source".equals(type) ? "" : "?source=smoke-test";
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    if ("source".equals(type)) {
                        from("kamelet:" + name).routeId("smoke-" + name).to("log:smoke");
                    } else {
                        from("direct:smoke-" + name).routeId("smoke-" + name).to("kamelet:" + name + params);
                    }
                }
            });
            if (context.getRouteController().getRouteStatus("smoke-" + name) != ServiceStatus.Started) {
                context.getRouteController().startRoute("smoke-" + name);
            }
            assertThat(context.getRouteController().getRouteStatus("smoke-" + name)).as("kamelet " + name)
                    .isEqualTo(ServiceStatus.Started);
        }
    }
}
