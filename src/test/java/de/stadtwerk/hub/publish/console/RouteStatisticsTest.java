package de.stadtwerk.hub.publish.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class RouteStatisticsTest {

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-28T06:00:00Z"));

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    @Test
    void countersAddUpTotalFailedMeanAndLastTimes() {
        TestClock clock = new TestClock();
        RouteStatistics stats = new RouteStatistics(clock);
        assertThat(stats.of("r").total()).isZero();
        assertThat(stats.of("r").meanMillis()).isNull();
        assertThat(stats.of("r").lastActivity()).isEmpty();

        stats.begin("r");
        assertThat(stats.of("r").inflight()).isEqualTo(1);
        stats.done("r", 2_000_000, false);
        Instant first = clock.instant();
        clock.now.set(first.plusSeconds(60));
        stats.begin("r");
        stats.done("r", 4_000_000, true);

        RouteStatistics.Counter c = stats.of("r");
        assertThat(c.total()).isEqualTo(2);
        assertThat(c.failed()).isEqualTo(1);
        assertThat(c.inflight()).isZero();
        assertThat(c.meanMillis()).isEqualTo(3.0);
        assertThat(c.lastSuccess()).contains(first);
        assertThat(c.lastFailure()).contains(first.plusSeconds(60));
        assertThat(c.lastActivity()).contains(first.plusSeconds(60));
        assertThat(stats.since()).isEqualTo(first);
    }

    @Test
    void asARoutePolicyItCountsEveryRouteAnExchangePassesAndWhatTheErrorHandlerCaught() throws Exception {
        RouteStatistics stats = new RouteStatistics(Clock.systemUTC());
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutePolicyFactory(stats);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:outer").routeId("outer").to("direct:inner");
                    from("direct:inner").routeId("inner").process(e -> {
                        if ("bad".equals(e.getMessage().getBody())) {
                            throw new IllegalArgumentException("bad input");
                        }
                    });
                    from("direct:handled").routeId("handled")
                            .onException(IllegalStateException.class).handled(true).end()
                            .process(e -> {
                                throw new IllegalStateException("caught and handled");
                            });
                }
            });
            context.start();
            var producer = context.createProducerTemplate();
            producer.sendBody("direct:outer", "good");
            Exchange failed = producer.send("direct:outer", e -> e.getMessage().setBody("bad"));
            assertThat(failed.isFailed()).isTrue();
            producer.sendBody("direct:handled", "x");
        }
        assertThat(stats.of("outer").total()).isEqualTo(2);
        assertThat(stats.of("outer").failed()).isEqualTo(1);
        assertThat(stats.of("inner").total()).as("entered through direct:").isEqualTo(2);
        assertThat(stats.of("inner").failed()).isEqualTo(1);
        assertThat(stats.of("handled").total()).isEqualTo(1);
        assertThat(stats.of("handled").failed()).as("handled by the error handling, still a failure").isEqualTo(1);
        assertThat(stats.of("handled").lastSuccess()).isEmpty();
        assertThat(stats.of("outer").lastSuccess()).isPresent();
        assertThat(stats.of("outer").meanMillis()).isNotNull().isGreaterThanOrEqualTo(0.0);
    }
}
