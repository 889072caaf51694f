package de.stadtwerk.hub.field.mqtt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;

/**
 * Micrometer meters of one MQTT ingest route (tag {@code route}), in Camel's Prometheus registry when there is
 * one ({@code /observe/metrics}): messages received, committed and quarantined, duplicates (a message the hub
 * had already committed, sent again by the broker after a reconnect), readings the store found unchanged (the same
 * duplicates counted by the database, so also across a crash of the hub), failed batches, reconnects, batch sizes,
 * receive-to-commit time and the age of a reading when it was committed (its own time to the commit; with
 * the benchmark's generator, publish to commit).
 */
public final class MqttMetrics {

    final Counter received;
    final Counter committed;
    final Counter quarantined;
    final Counter duplicates;
    final Counter unchanged;
    final Counter failedBatches;
    final Counter reconnects;
    final Counter adoptions;
    final Counter handedBack;
    final DistributionSummary batchSize;
    final Timer receiveToCommit;
    final Timer readingAge;
    private final MeterRegistry registry;
    private final String route;

    public MqttMetrics(MeterRegistry registry, String route) {
        MeterRegistry r = registry != null ? registry : new SimpleMeterRegistry();
        this.registry = r;
        this.route = route;
        received = Counter.builder("hub.mqtt.messages.received").tag("route", route)
                .description("MQTT messages received (including redeliveries)").register(r);
        committed = Counter.builder("hub.mqtt.messages.committed").tag("route", route)
                .description("MQTT messages committed to the store (or the quarantine) and acknowledged").register(r);
        quarantined = Counter.builder("hub.mqtt.messages.quarantined").tag("route", route)
                .description("MQTT messages or values that went to the quarantine").register(r);
        duplicates = Counter.builder("hub.mqtt.messages.duplicates").tag("route", route)
                .description("messages received again after they had been committed (redelivery); the store keeps one")
                .register(r);
        unchanged = Counter.builder("hub.mqtt.readings.unchanged").tag("route", route)
                .description("readings the store already held with the same value (transport duplicates, also those"
                        + " redelivered after a crash of the hub; counted by the database's upsert, PostgreSQL)")
                .register(r);
        failedBatches = Counter.builder("hub.mqtt.batches.failed").tag("route", route)
                .description("batches not committed (store unavailable): not acknowledged, the broker resends them")
                .register(r);
        reconnects = Counter.builder("hub.mqtt.reconnects").tag("route", route)
                .description("reconnects made by the hub to get unacknowledged messages resent").register(r);
        adoptions = Counter.builder("hub.mqtt.adoptions").tag("route", route)
                .description("sessions of dead members of the share group adopted by this instance (docs/cluster.md)")
                .register(r);
        handedBack = Counter.builder("hub.mqtt.adoptions.ended").tag("route", route)
                .description("adopted sessions given up: taken back by their owner, claim lost, or this instance stopped")
                .register(r);
        batchSize = DistributionSummary.builder("hub.mqtt.batch.size").tag("route", route)
                .description("messages per store transaction").register(r);
        receiveToCommit = Timer.builder("hub.mqtt.receive.to.commit").tag("route", route)
                .description("time from receiving a message to its commit").publishPercentiles(0.5, 0.99)
                .distributionStatisticExpiry(Duration.ofMinutes(1)).distributionStatisticBufferLength(2)
                .register(r);
        readingAge = Timer.builder("hub.mqtt.reading.age.at.commit").tag("route", route)
                .description("time from the reading's own timestamp to its commit").publishPercentiles(0.5, 0.99)
                .distributionStatisticExpiry(Duration.ofMinutes(1)).distributionStatisticBufferLength(2)
                .register(r);
    }

    /** Registers the gauge of the adopted sessions held now (the consumer's list of adopted connections). */
    void adoptedSessions(java.util.Collection<?> adopted) {
        io.micrometer.core.instrument.Gauge.builder("hub.mqtt.adopted.sessions", adopted, java.util.Collection::size)
                .tag("route", route).description("adopted sessions of dead members held now").register(registry);
    }
}
