package de.stadtwerk.hub.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class RouteMetricsExclusionTest {

    @Test
    void excludedRoutesHaveNoRouteMetersAndAreNotInTheContextWideMeters() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (CamelContext context = contextWithMicrometerPolicy(registry)) {
            assertThat(RouteMetricsExclusion.apply(context, " ingest-*, other ")).isTrue();
            context.addRoutes(routes("ingest-mqtt", "kept", "other"));
            context.start();
            for (String route : List.of("ingest-mqtt", "kept", "other", "ingest-mqtt")) {
                context.createProducerTemplate().sendBody("direct:" + route, "x");
            }

            assertThat(routeIds(registry)).contains("kept").doesNotContain("ingest-mqtt", "other");
            // the context-wide meters (no routeId tag) counted only the kept route's one exchange
            assertThat(contextWideExchanges(registry)).isEqualTo(1.0);
        }
    }

    @Test
    void withoutExclusionEveryRouteIsMetered() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (CamelContext context = contextWithMicrometerPolicy(registry)) {
            assertThat(RouteMetricsExclusion.apply(context, " , ")).isFalse();
            context.addRoutes(routes("ingest-mqtt", "kept"));
            context.start();
            context.createProducerTemplate().sendBody("direct:ingest-mqtt", "x");
            context.createProducerTemplate().sendBody("direct:kept", "x");

            assertThat(routeIds(registry)).contains("ingest-mqtt", "kept");
            assertThat(contextWideExchanges(registry)).isEqualTo(2.0);
        }
    }

    @Test
    void aBrokenPatternIsRefusedWithTheKeyAndThePattern() throws Exception {
        try (CamelContext context = contextWithMicrometerPolicy(new SimpleMeterRegistry())) {
            assertThatThrownBy(() -> RouteMetricsExclusion.apply(context, "field-meters-mqtt, field-[mqtt"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("hub.metrics.route-policy-exclude").hasMessageContaining("'field-[mqtt'");
            assertThat(context.getRoutePolicyFactories()).first().isInstanceOf(MicrometerRoutePolicyFactory.class);
        }
    }

    @Test
    void withoutMicrometerFactoryNothingIsWrapped() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            assertThat(RouteMetricsExclusion.apply(context, "ingest-*")).isFalse();
            assertThat(context.getRoutePolicyFactories()).isEmpty();
        }
    }

    private static CamelContext contextWithMicrometerPolicy(SimpleMeterRegistry registry) {
        CamelContext context = new DefaultCamelContext();
        MicrometerRoutePolicyFactory factory = new MicrometerRoutePolicyFactory();
        factory.setMeterRegistry(registry);
        context.addRoutePolicyFactory(factory);
        return context;
    }

    private static RouteBuilder routes(String... ids) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (String id : ids) {
                    from("direct:" + id).routeId(id).log("${body}");
                }
            }
        };
    }

    private static List<String> routeIds(SimpleMeterRegistry registry) {
        return registry.getMeters().stream().map(m -> m.getId().getTag("routeId"))
                .filter(id -> id != null && !id.isEmpty()).distinct().collect(Collectors.toList());
    }

    /** Exchanges counted by the context-wide counter (camel.exchanges.total with eventType=context). */
    private static double contextWideExchanges(SimpleMeterRegistry registry) {
        return registry.get("camel.exchanges.total").tag("eventType", "context").counter().count();
    }
}
