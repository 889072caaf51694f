package de.stadtwerk.hub.field.mqtt;

import java.util.Arrays;
import java.util.List;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * {@code hub-mqtt:<name>}: a batch of MQTT messages per exchange (body {@link MqttBatch}), acknowledged after
 * the route completed. Options (all optional; defaults from {@code hub.mqtt.*}): {@code brokerUrl},
 * {@code clientId}, {@code topics} (comma-separated), {@code sharedGroup}, {@code connections}.
 */
public class MqttIngestEndpoint extends DefaultEndpoint {

    private final MqttSettings.Values defaults;
    private final List<String> mappingTopics;
    private final String embeddedUrl;
    private final MqttIngestComponent.Adoption adoption;
    private String brokerUrl;
    private String clientId;
    private String topics;
    private String sharedGroup;
    private Integer connections;

    MqttIngestEndpoint(String uri, MqttIngestComponent component, MqttSettings.Values defaults,
                       List<String> mappingTopics, String embeddedUrl, MqttIngestComponent.Adoption adoption) {
        super(uri, component);
        this.defaults = defaults;
        this.mappingTopics = mappingTopics;
        this.embeddedUrl = embeddedUrl;
        this.adoption = adoption;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("hub-mqtt: is a consumer only; publish with paho-mqtt5:");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        MqttSettings.Values s = effectiveSettings();
        MqttIngestConsumer consumer = new MqttIngestConsumer(this, processor, s, s.subscriptions(mappingTopics),
                adoptionFor(s), adoption == null ? null : adoption.members());
        configureConsumer(consumer);
        return consumer;
    }

    /** The settings with this endpoint's options applied. */
    MqttSettings.Values effectiveSettings() {
        String url = blank(brokerUrl) ? defaults.brokerUrl() : brokerUrl;
        if (blank(url)) {
            if (embeddedUrl == null) {
                throw new IllegalArgumentException(MqttSettings.BROKER_URL + " is blank and the embedded broker is off"
                        + " (hub.embedded.mqtt.enabled=false): set the broker URL, e.g. tcp://127.0.0.1:1883");
            }
            url = embeddedUrl;
        }
        return new MqttSettings.Values(url,
                blank(clientId) ? defaults.clientId() : clientId,
                defaults.username(), defaults.password(),
                blank(topics) ? defaults.topics() : Arrays.stream(topics.split(",")).map(String::trim)
                        .filter(t -> !t.isEmpty()).toList(),
                sharedGroup == null ? defaults.sharedGroup() : sharedGroup,
                connections == null ? defaults.connections() : connections,
                defaults.sessionExpiry(), defaults.receiveMaximum(), defaults.batchSize(), defaults.batchMaxWait(),
                defaults.pipelines(), defaults.keepAlive(), defaults.reconnectDelay(), defaults.reconnectMaxDelay(), defaults.mappings(),
                defaults.duplicateWindow(), defaults.tls(), defaults.cleanStart(), defaults.persistence());
    }

    /** The adoption settings when this endpoint adopts the sessions of dead members of its share group, else null. */
    MqttSettings.Adoption adoptionFor(MqttSettings.Values s) {
        if (adoption == null || adoption.members() == null
                || !adoption.settings().active(s.sharedGroup(), adoption.sharedDatabase())) {
            return null;
        }
        if (s.cleanStart()) {
            throw new IllegalArgumentException(MqttSettings.ADOPTION_ENABLED + " with " + MqttSettings.CLEAN_START
                    + "=true: an adopter would start the dead member's session afresh and lose what it holds;"
                    + " set " + MqttSettings.ADOPTION_ENABLED + "=false or " + MqttSettings.CLEAN_START + "=false");
        }
        return adoption.settings();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public void setBrokerUrl(String brokerUrl) {
        this.brokerUrl = brokerUrl;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public void setTopics(String topics) {
        this.topics = topics;
    }

    public void setSharedGroup(String sharedGroup) {
        this.sharedGroup = sharedGroup;
    }

    public void setConnections(Integer connections) {
        this.connections = connections;
    }

    public String getBrokerUrl() {
        return brokerUrl;
    }

    public String getClientId() {
        return clientId;
    }

    public String getTopics() {
        return topics;
    }

    public String getSharedGroup() {
        return sharedGroup;
    }

    public Integer getConnections() {
        return connections;
    }
}
