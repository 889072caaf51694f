package de.stadtwerk.hub.field.mqtt;

import de.stadtwerk.hub.embedded.EmbeddedMqttBroker;

/**
 * The at-least-once cases against the embedded broker (HiveMQ CE in the hub's JVM, file persistence, free port).
 * "Hub away" stops the MQTT route (the broker lives in the hub's JVM); the broker restart stops and starts it.
 */
class EmbeddedBrokerMqttIngestIT extends MqttAtLeastOnceContract {

    @Override
    void useBroker(TestHub hub) {
        hub.set("hub.embedded.mqtt.enabled", "true").set("hub.embedded.mqtt.port", "0")
                .set("hub.embedded.mqtt.persistence", "file");
    }

    @Override
    String brokerUrl(TestHub hub) {
        return broker(hub).url();
    }

    private static EmbeddedMqttBroker broker(TestHub hub) {
        return hub.bean("embeddedMqttBroker", EmbeddedMqttBroker.class);
    }

    @Override
    void restartBroker(TestHub hub) {
        EmbeddedMqttBroker broker = broker(hub);
        broker.close();
        broker.start();
    }

    @Override
    void stopHub(TestHub hub) throws Exception {
        hub.context().getRouteController().stopRoute("field-meters-mqtt");
    }

    @Override
    void startHub(TestHub hub) throws Exception {
        hub.context().getRouteController().startRoute("field-meters-mqtt");
    }
}
