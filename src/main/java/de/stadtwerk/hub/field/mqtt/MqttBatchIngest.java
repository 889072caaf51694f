package de.stadtwerk.hub.field.mqtt;

import de.stadtwerk.hub.field.mqtt.mapping.MqttMappings;
import de.stadtwerk.hub.field.mqtt.mapping.MqttPayload;
import de.stadtwerk.hub.ingest.IngestPipeline;
import de.stadtwerk.hub.ingest.IngestResult;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.quarantine.Rejection;
import de.stadtwerk.hub.support.HubHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Bean {@code mqttIngest}: maps a batch of MQTT messages with the configured payload shapes and hands them to
 * the ingest pipeline in one transaction. A message that does not fit its shape (not JSON, a field missing, a
 * bad number, an unknown OBIS code or quantity, no mapping for the topic) goes to the quarantine with topic,
 * payload and reason, in the same transaction as the good ones; a store outage is thrown, so the batch is not
 * acknowledged.
 *
 * <p>The ingest route calls it as a processor ({@link #process}): a bean call chose the method by reflection for every
 * exchange, a few per cent of the pipeline's CPU when batches are small (2,000 msg/s). The replay route calls
 * {@link #replay} as a bean method.
 */
public class MqttBatchIngest implements Processor {

    private final MqttMappings mappings;
    private final IngestPipeline pipeline;
    private final Clock clock;

    public MqttBatchIngest(MqttMappings mappings, IngestPipeline pipeline, Clock clock) {
        this.mappings = mappings;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    public MqttMappings mappings() {
        return mappings;
    }

    @Override
    public void process(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        ingest(exchange);
    }

    /** Camel entry: body {@link MqttBatch}; afterwards the body is the {@link IngestResult}. */
    public IngestResult ingest(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        MqttBatch batch = exchange.getMessage().getMandatoryBody(MqttBatch.class);
        IngestResult result = ingest(batch.messages(), exchange.getFromRouteId(), null,
                exchange.getProperty(MqttIngestConstants.METRICS_PROPERTY, MqttMetrics.class));
        exchange.getMessage().setBody(result);
        return result;
    }

    /** Camel entry for a replay from the quarantine: body the {@code {topic, payload}} envelope. */
    public IngestResult replay(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        String envelope = exchange.getMessage().getMandatoryBody(String.class);
        Long replayOf = exchange.getMessage().getHeader(HubHeaders.QUARANTINE_ID, Long.class);
        MqttPayload message;
        try {
            message = MqttPayload.fromEnvelope(envelope, clock.instant());
        } catch (RuntimeException e) {
            throw new de.stadtwerk.hub.quarantine.BadInputException(e.getMessage());
        }
        IngestResult result = ingest(List.of(message), exchange.getFromRouteId(), replayOf, null);
        exchange.getMessage().setBody(result);
        return result;
    }

    /** Maps and ingests messages; {@code metrics} may be null. */
    public IngestResult ingest(List<MqttPayload> messages, String routeId, Long replayOf, MqttMetrics metrics) {
        List<Observation> observations = new ArrayList<>(messages.size());
        List<MqttPayload> sources = new ArrayList<>(messages.size());
        List<Rejection> rejected = new ArrayList<>();
        for (MqttPayload m : messages) {
            MqttMappings.Outcome outcome = mappings.map(m);
            if (outcome.accepted()) {
                for (Observation o : outcome.observations()) {
                    observations.add(o);
                    sources.add(m);
                }
            } else {
                rejected.add(new Rejection(m.envelope(), "topic " + m.topic() + ": " + outcome.rejection(), "mqtt",
                        routeId, MqttIngestConstants.REPLAY_ENDPOINT));
            }
        }
        // the {topic, payload} envelope is built only for an observation that goes to the quarantine
        List<Rejection> originals = new java.util.AbstractList<>() {
            @Override
            public Rejection get(int i) {
                return new Rejection(sources.get(i).envelope(), null, observations.get(i).source(), routeId,
                        MqttIngestConstants.REPLAY_ENDPOINT);
            }

            @Override
            public int size() {
                return observations.size();
            }
        };
        IngestResult result = pipeline.ingestMapped(observations, originals, rejected, replayOf);
        if (metrics != null) {
            Instant now = clock.instant();
            for (Observation o : observations) {
                Duration age = Duration.between(o.start(), now);
                if (!age.isNegative()) {
                    metrics.readingAge.record(age);
                }
            }
            metrics.quarantined.increment(result.quarantined());
            metrics.unchanged.increment(result.unchanged());
        }
        return result;
    }
}
