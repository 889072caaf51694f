package de.stadtwerk.hub.field.mqtt;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code hub-mqtt} component: at-least-once MQTT 5 ingest with acknowledgement after the store commit
 * (camel-paho-mqtt5 4.17 acknowledges when each exchange completes, which cannot wait for a batched commit;
 * see docs/decisions.md).
 */
public class MqttIngestComponent extends DefaultComponent {

    private final MqttSettings.Values defaults;
    private final List<String> mappingTopics;
    private final Supplier<String> embeddedUrl;
    private final Adoption adoption;

    /**
     * Session adoption as configured ({@code hub.mqtt.adoption.*}), the membership table in the hub's database
     * (null: no database, no adoption), and whether that database is one several instances share (PostgreSQL).
     */
    public record Adoption(MqttSettings.Adoption settings, MqttMembers members, boolean sharedDatabase) {
    }

    /**
     * @param defaults      settings from {@code hub.mqtt.*}
     * @param mappingTopics topic filters of the mapping file (used when no topics are configured)
     * @param embeddedUrl   the embedded broker's URL, or null when it is off
     * @param adoption      session adoption (docs/cluster.md)
     */
    public MqttIngestComponent(MqttSettings.Values defaults, List<String> mappingTopics, Supplier<String> embeddedUrl,
                               Adoption adoption) {
        this.defaults = defaults;
        this.mappingTopics = mappingTopics;
        this.embeddedUrl = embeddedUrl;
        this.adoption = adoption;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        MqttIngestEndpoint endpoint = new MqttIngestEndpoint(uri, this, defaults, mappingTopics, embeddedUrl.get(),
                adoption);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
