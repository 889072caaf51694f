package de.stadtwerk.hub.field.mqtt;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of one MQTT ingest route: UP while every connection to the broker is up, the adopted sessions of dead
 * members included (detail {@code adopted}; a session handed back to its owner is no longer counted, so its closed
 * connection does not make the check DOWN). DOWN names the broker and the last error. Not a liveness check: the
 * client reconnects on its own.
 */
final class MqttHealthCheck extends AbstractHealthCheck {

    private final MqttIngestConsumer consumer;

    MqttHealthCheck(String routeId, MqttIngestConsumer consumer) {
        super("hub", "mqtt-" + routeId);
        this.consumer = consumer;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("broker", consumer.settings().brokerUrl());
        builder.detail("client.id", consumer.settings().clientId());
        builder.detail("connected", consumer.connectedCount() + "/" + consumer.connectionCount());
        builder.detail("pending", consumer.pending());
        builder.detail("adopted", String.join(",", consumer.adoptedClientIds()));
        if (consumer.connectedCount() == consumer.connectionCount() && consumer.connectionCount() > 0) {
            builder.up();
        } else {
            String error = consumer.lastError();
            builder.down().message("MQTT broker " + consumer.settings().brokerUrl() + " not connected"
                    + (error != null ? ": " + error : ""));
        }
    }
}
