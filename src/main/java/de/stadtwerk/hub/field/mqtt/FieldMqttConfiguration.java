package de.stadtwerk.hub.field.mqtt;

import de.stadtwerk.hub.embedded.DemoDevices;
import de.stadtwerk.hub.embedded.EmbeddedMqttBroker;
import de.stadtwerk.hub.field.mqtt.mapping.MqttMappings;
import de.stadtwerk.hub.ingest.IngestPipeline;
import de.stadtwerk.hub.store.SqlDialect;
import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.support.HubSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Beans and services of the field MQTT capability (listed in {@code camel.main.configuration-classes} after
 * HubBeans): the {@code hub-mqtt} component, bean {@code mqttIngest} (mapping + ingest of a batch),
 * {@code mqttMappings}, and, on the embedded defaults, the embedded broker and the demo devices.
 */
public class FieldMqttConfiguration implements CamelConfiguration {

    /** Start the embedded MQTT broker (false when a real broker is used). */
    public static final String EMBEDDED_ENABLED = "hub.embedded.mqtt.enabled";
    /** Port of the embedded broker on 127.0.0.1 (0: a free port). */
    public static final String EMBEDDED_PORT = "hub.embedded.mqtt.port";
    /** Embedded broker persistence: file (sessions survive a restart) or in-memory. */
    public static final String EMBEDDED_PERSISTENCE = "hub.embedded.mqtt.persistence";
    /** Messages the embedded broker queues per client before it discards new ones. */
    public static final String EMBEDDED_MAX_QUEUE = "hub.embedded.mqtt.max-queue-size";
    /** Run the demo devices (simulated meters and PV plants). */
    public static final String DEMO_ENABLED = "hub.demo.enabled";
    /** Number of simulated smart meters. */
    public static final String DEMO_METERS = "hub.demo.meters";
    /** PV plants of the demo: id=peak kW, comma-separated. */
    public static final String DEMO_PV_PLANTS = "hub.demo.pv-plants";
    /** How often each demo device publishes (ISO-8601 duration). */
    public static final String DEMO_INTERVAL = "hub.demo.interval";

    /** Property set at start: the broker URL in use (hub.mqtt.broker-url, or the embedded broker's when blank). */
    public static final String EFFECTIVE_BROKER_URL = "hub.mqtt.effective-broker-url";
    /**
     * Properties set at start for routes that publish with camel-paho-mqtt5 (the Energiewetter clock message), in
     * the form its options take: {@code persistence} ({@code FILE} or {@code MEMORY}, from hub.mqtt.persistence),
     * {@code filePersistenceDirectory} (hub.mqtt.persistence-dir, absolute, checked) and
     * {@code sessionExpiryInterval} (hub.mqtt.session-expiry in seconds).
     */
    public static final String EFFECTIVE_PERSISTENCE = "hub.mqtt.effective-persistence";
    public static final String EFFECTIVE_PERSISTENCE_DIR = "hub.mqtt.effective-persistence-dir";
    public static final String EFFECTIVE_SESSION_EXPIRY_SECONDS = "hub.mqtt.effective-session-expiry-seconds";

    @Override
    public void configure(CamelContext context) throws Exception {
        HubSettings s = new HubSettings(key -> context.getPropertiesComponent().resolveProperty(key));
        MqttSettings.Values values = MqttSettings.read(s);
        MqttMappings mappings = MqttMappings.load(values.mappings());
        // a folder that cannot be used stops the start, naming the key: the ingest and the publishers need it
        values.persistence().checkDir();
        PropertiesComponent properties = context.getPropertiesComponent();
        properties.addOverrideProperty(EFFECTIVE_PERSISTENCE, values.persistence().file() ? "FILE" : "MEMORY");
        properties.addOverrideProperty(EFFECTIVE_PERSISTENCE_DIR, values.persistence().dir().toString());
        properties.addOverrideProperty(EFFECTIVE_SESSION_EXPIRY_SECONDS,
                Long.toString(values.sessionExpiry().toSeconds()));

        EmbeddedMqttBroker broker = null;
        if (s.bool(EMBEDDED_ENABLED, true)) {
            broker = new EmbeddedMqttBroker(s.integer(EMBEDDED_PORT, 11883), s.dataDir().resolve("mqtt-broker"),
                    !"in-memory".equalsIgnoreCase(s.string(EMBEDDED_PERSISTENCE, "file")),
                    s.integer(EMBEDDED_MAX_QUEUE, 100_000));
            broker.start();
            EmbeddedMqttBroker started = broker;
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    started.close();
                }
            });
        }
        if (broker != null) {
            context.getRegistry().bind("embeddedMqttBroker", broker);
        }
        String embeddedUrl = broker == null ? null : broker.url();
        String effectiveUrl = values.brokerUrl().isBlank() ? embeddedUrl : values.brokerUrl();
        // the broker other routes publish to (e.g. the Energiewetter clock message): the configured or embedded one;
        // blank when there is none, so those routes still load and skip publishing
        properties.addOverrideProperty(EFFECTIVE_BROKER_URL, effectiveUrl == null ? "" : effectiveUrl);
        StoreDatabase db = context.getRegistry().lookupByNameAndType("storeDatabase", StoreDatabase.class);
        MqttIngestComponent.Adoption adoption = new MqttIngestComponent.Adoption(MqttSettings.readAdoption(s),
                db == null ? null : new MqttMembers(db.dataSource()), db != null && db.dialect() == SqlDialect.POSTGRESQL);
        context.addComponent(MqttIngestConstants.SCHEME,
                new MqttIngestComponent(values, mappings.topicFilters(), () -> embeddedUrl, adoption));

        IngestPipeline pipeline = context.getRegistry().lookupByNameAndType("ingestPipeline", IngestPipeline.class);
        if (pipeline == null) {
            throw new IllegalStateException("bean ingestPipeline missing: list de.stadtwerk.hub.support.HubBeans before "
                    + getClass().getName() + " in camel.main.configuration-classes");
        }
        context.getRegistry().bind("mqttMappings", mappings);
        context.getRegistry().bind("mqttIngest", new MqttBatchIngest(mappings, pipeline, Clock.systemUTC()));

        if (s.bool(DEMO_ENABLED, true)) {
            String url = values.brokerUrl().isBlank() ? embeddedUrl : values.brokerUrl();
            if (url == null) {
                throw new IllegalArgumentException(DEMO_ENABLED + "=true needs a broker: the embedded one or "
                        + MqttSettings.BROKER_URL);
            }
            DemoDevices demo = new DemoDevices(url, s.integer(DEMO_METERS, 20), plants(s.string(DEMO_PV_PLANTS, "")),
                    s.duration(DEMO_INTERVAL, Duration.ofSeconds(10)), Clock.systemUTC());
            context.addStartupListener(new StartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                    demo.start();
                }
            });
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    demo.close();
                }
            }, true, true);
        }
    }

    static List<DemoDevices.Plant> plants(String text) {
        List<DemoDevices.Plant> plants = new ArrayList<>();
        for (String item : text.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            String[] kv = item.split("=");
            try {
                plants.add(new DemoDevices.Plant(kv[0].trim(), Double.parseDouble(kv[1].trim()) * 1000));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(DEMO_PV_PLANTS + ": '" + item + "' is not id=peak-kW, e.g. pv-rathaus=99.5");
            }
        }
        return plants;
    }
}
