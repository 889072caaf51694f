package de.stadtwerk.hub.field.mqtt;

/** Names shared by the {@code hub-mqtt:} consumer, its route and the ingest bean. */
public final class MqttIngestConstants {

    /** Component scheme of the MQTT ingest consumer. */
    public static final String SCHEME = "hub-mqtt";
    /** Exchange property: the route's {@link MqttMetrics} (set by the consumer, used by {@code mqttIngest}). */
    public static final String METRICS_PROPERTY = "HubMqttMetrics";
    /** Header on the batch exchange: number of messages in the batch. */
    public static final String BATCH_SIZE = "HubMqttBatchSize";
    /** Where a replay of a quarantined MQTT message goes (the route {@code field-meters-mqtt-replay}). */
    public static final String REPLAY_ENDPOINT = "direct:field-meters-mqtt-replay";

    private MqttIngestConstants() {
    }
}
