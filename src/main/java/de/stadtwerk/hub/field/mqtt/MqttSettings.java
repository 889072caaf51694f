package de.stadtwerk.hub.field.mqtt;

import de.stadtwerk.hub.support.HubSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.paho.mqttv5.client.MqttClientPersistence;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.persist.MqttDefaultFilePersistence;

/**
 * The settings catalogue of the MQTT ingest ({@code hub.mqtt.*}): every key with its default, documented in
 * {@code config/application.properties} and docs/field-mqtt.md. Values are read once into an immutable
 * {@link Values}; the route file can override the connection parameters per route.
 */
public final class MqttSettings {

    /** Broker URL {@code tcp://host:1883} or {@code ssl://host:8883}; blank: the embedded broker. */
    public static final String BROKER_URL = "hub.mqtt.broker-url";
    /** Fixed client id: the broker keeps the session (unacknowledged QoS 1 messages) under it. */
    public static final String CLIENT_ID = "hub.mqtt.client-id";
    /** User name for the broker (set it in the environment: HUB_MQTT_USERNAME). */
    public static final String USERNAME = "hub.mqtt.username";
    /** Password for the broker (environment: HUB_MQTT_PASSWORD). */
    public static final String PASSWORD = "hub.mqtt.password";
    /** Comma-separated topic filters; blank: the topics of the mapping file. */
    public static final String TOPICS = "hub.mqtt.topics";
    /** Shared-subscription group: several hub instances (or connections) split the topics. Blank: none. */
    public static final String SHARED_GROUP = "hub.mqtt.shared-group";
    /** Connections per hub instance (needs a shared group when more than 1); each has its own in-flight window. */
    public static final String CONNECTIONS = "hub.mqtt.connections";
    /** How long the broker keeps the session while the hub is away (ISO-8601 duration). */
    public static final String SESSION_EXPIRY = "hub.mqtt.session-expiry";
    /** MQTT 5 Receive Maximum: unacknowledged QoS 1 messages the broker may send per connection. */
    public static final String RECEIVE_MAXIMUM = "hub.mqtt.receive-maximum";
    /** Messages per store transaction at most. */
    public static final String BATCH_SIZE = "hub.mqtt.batch-size";
    /** How long a batch waits for more messages after its first one (ISO-8601 duration; PT0S: group commit only). */
    public static final String BATCH_MAX_WAIT = "hub.mqtt.batch-max-wait";
    /** Batches in work at once (each maps and commits on its own store connection); acknowledged as each commits. */
    public static final String PIPELINES = "hub.mqtt.pipelines";
    /** Keep-alive interval (seconds). */
    public static final String KEEP_ALIVE = "hub.mqtt.keep-alive";
    /** First delay before a reconnect (ISO-8601); doubles up to {@link #RECONNECT_MAX_DELAY}. */
    public static final String RECONNECT_DELAY = "hub.mqtt.reconnect-delay";
    /** Longest delay between reconnect attempts. */
    public static final String RECONNECT_MAX_DELAY = "hub.mqtt.reconnect-max-delay";
    /** The mapping file with the payload shapes. */
    public static final String MAPPINGS = "hub.mqtt.mappings";
    /** How many recent messages are remembered to count redelivered duplicates. */
    public static final String DUPLICATE_WINDOW = "hub.mqtt.duplicate-window";
    /** Trust store (PKCS12 or JKS) for the broker's certificate; blank: the JVM's default trust. */
    public static final String TLS_TRUST_STORE = "hub.mqtt.tls.trust-store";
    /** Password of the trust store (environment: HUB_MQTT_TLS_TRUST_STORE_PASSWORD). */
    public static final String TLS_TRUST_STORE_PASSWORD = "hub.mqtt.tls.trust-store-password";
    /** Key store with the hub's client certificate (mutual TLS); blank: none. */
    public static final String TLS_KEY_STORE = "hub.mqtt.tls.key-store";
    /** Password of the key store and its key (environment: HUB_MQTT_TLS_KEY_STORE_PASSWORD). */
    public static final String TLS_KEY_STORE_PASSWORD = "hub.mqtt.tls.key-store-password";
    /** Check that the broker's certificate names its host (keep true outside a lab). */
    public static final String TLS_HOSTNAME_VERIFICATION = "hub.mqtt.tls.hostname-verification";
    /**
     * Start a new session at every connect (discarding what the broker kept for the hub). Off in normal operation:
     * with it on, readings published while the hub is away are lost. For a deliberate session reset only.
     */
    public static final String CLEAN_START = "hub.mqtt.clean-start";
    /**
     * Session adoption (docs/cluster.md): {@code true}, {@code false} or {@code auto} (blank; on when a shared group
     * is set and the store is PostgreSQL, the database several instances share).
     */
    public static final String ADOPTION_ENABLED = "hub.mqtt.adoption.enabled";
    /** How often an instance writes the heartbeat of its client ids (ISO-8601 duration). */
    public static final String ADOPTION_HEARTBEAT = "hub.mqtt.adoption.heartbeat";
    /** A client id whose heartbeat is older than this is adopted by a surviving instance (ISO-8601 duration). */
    public static final String ADOPTION_AFTER = "hub.mqtt.adoption.after";
    /**
     * Paho's client-side store of in-flight state, for the ingest and the Energiewetter publisher: {@code file} or
     * {@code memory}. Session adoption always uses memory (see {@link Persistence}).
     */
    public static final String PERSISTENCE = "hub.mqtt.persistence";
    /** Folder of the file store; Paho keeps one sub-folder per client id in it. Blank: {@code <hub.data.dir>/mqtt-client}. */
    public static final String PERSISTENCE_DIR = "hub.mqtt.persistence-dir";

    private MqttSettings() {
    }

    /** The resolved settings. */
    public record Values(String brokerUrl, String clientId, String username, String password, List<String> topics,
                         String sharedGroup, int connections, Duration sessionExpiry, int receiveMaximum, int batchSize,
                         Duration batchMaxWait, int pipelines, int keepAlive, Duration reconnectDelay, Duration reconnectMaxDelay,
                         Path mappings, int duplicateWindow, Tls tls, boolean cleanStart, Persistence persistence) {

        public Values {
            if (connections < 1) {
                throw new IllegalArgumentException(CONNECTIONS + " must be at least 1");
            }
            if (connections > 1 && (sharedGroup == null || sharedGroup.isBlank())) {
                throw new IllegalArgumentException(CONNECTIONS + "=" + connections + " needs " + SHARED_GROUP
                        + ": without a shared subscription every connection would receive every message");
            }
            if (receiveMaximum < 1 || receiveMaximum > 65535) {
                throw new IllegalArgumentException(RECEIVE_MAXIMUM + " must be 1..65535");
            }
            if (pipelines < 1) {
                throw new IllegalArgumentException(PIPELINES + " must be at least 1");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException(BATCH_SIZE + " must be at least 1");
            }
            if (sessionExpiry.isNegative() || sessionExpiry.isZero()) {
                throw new IllegalArgumentException(SESSION_EXPIRY + " must be positive: without a session the broker"
                        + " drops unacknowledged messages when the hub disconnects");
            }
        }

        /** A copy with another broker URL (the embedded broker's, when none is configured). */
        public Values withBrokerUrl(String url) {
            return new Values(url, clientId, username, password, topics, sharedGroup, connections, sessionExpiry,
                    receiveMaximum, batchSize, batchMaxWait, pipelines, keepAlive, reconnectDelay, reconnectMaxDelay, mappings,
                    duplicateWindow, tls, cleanStart, persistence);
        }

        /** The broker address as a URI; schemes tcp/mqtt (plain) and ssl/tls/mqtts (TLS). */
        public URI brokerUri() {
            URI uri = URI.create(brokerUrl);
            if (uri.getHost() == null || uri.getScheme() == null) {
                throw new IllegalArgumentException(BROKER_URL + " '" + brokerUrl + "' is not a URL such as tcp://127.0.0.1:1883");
            }
            return uri;
        }

        public boolean useTls() {
            String scheme = brokerUri().getScheme().toLowerCase(Locale.ROOT);
            return switch (scheme) {
                case "ssl", "tls", "mqtts" -> true;
                case "tcp", "mqtt" -> false;
                default -> throw new IllegalArgumentException(BROKER_URL + " '" + brokerUrl
                        + "': scheme must be tcp, mqtt, ssl, tls or mqtts");
            };
        }

        public int port() {
            int p = brokerUri().getPort();
            return p > 0 ? p : useTls() ? 8883 : 1883;
        }

        /** The filters to subscribe to: with a shared group {@code $share/<group>/<filter>}. */
        public List<String> subscriptions(List<String> fromMappings) {
            List<String> filters = topics.isEmpty() ? fromMappings : topics;
            if (sharedGroup == null || sharedGroup.isBlank()) {
                return filters;
            }
            return filters.stream().map(f -> "$share/" + sharedGroup + "/" + f).toList();
        }
    }

    /**
     * Session adoption: {@code enabled} null means auto (on with a shared group and a shared database).
     */
    public record Adoption(Boolean enabled, Duration heartbeat, Duration after) {

        public Adoption {
            if (heartbeat.isNegative() || heartbeat.isZero()) {
                throw new IllegalArgumentException(ADOPTION_HEARTBEAT + " must be positive");
            }
            if (after.compareTo(heartbeat.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException(ADOPTION_AFTER + " (" + after + ") must be at least twice "
                        + ADOPTION_HEARTBEAT + " (" + heartbeat + "): a live instance that misses one heartbeat"
                        + " would have its session taken");
            }
        }

        /** Whether a consumer with this shared group adopts, given whether its database is shared (PostgreSQL). */
        public boolean active(String sharedGroup, boolean sharedDatabase) {
            boolean grouped = sharedGroup != null && !sharedGroup.isBlank();
            if (enabled == null) {
                return grouped && sharedDatabase;
            }
            if (enabled && !grouped) {
                throw new IllegalArgumentException(ADOPTION_ENABLED + "=true needs " + SHARED_GROUP
                        + ": only a member of a shared subscription leaves a share behind");
            }
            return enabled;
        }
    }

    static Adoption readAdoption(HubSettings s) {
        String enabled = s.string(ADOPTION_ENABLED, "auto").trim().toLowerCase(Locale.ROOT);
        Boolean flag = switch (enabled) {
            case "", "auto" -> null;
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(ADOPTION_ENABLED + " '" + enabled + "': true, false or auto");
        };
        return new Adoption(flag, s.duration(ADOPTION_HEARTBEAT, Duration.ofSeconds(2)),
                s.duration(ADOPTION_AFTER, Duration.ofSeconds(10)));
    }

    /**
     * Paho's client-side store ({@link #PERSISTENCE}): with {@code file} a {@link MqttDefaultFilePersistence} under
     * {@code dir} (a sub-folder per client id, locked while the client is connected), else in memory. Paho writes
     * into it outbound QoS 1/2 publishes and the QoS 2 receive state, nothing for an inbound QoS 1 message
     * (docs/field-mqtt.md, "At least once").
     */
    public record Persistence(boolean file, Path dir) {

        /** A new store for one client; a file store only after {@link #checkDir()} passed. */
        public MqttClientPersistence create() {
            if (!file) {
                return new MemoryPersistence();
            }
            checkDir();
            return new MqttDefaultFilePersistence(dir.toString());
        }

        /** With {@code file}: creates the folder when it is missing; fails naming the key and path when it cannot. */
        public void checkDir() {
            if (!file) {
                return;
            }
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new IllegalArgumentException(PERSISTENCE_DIR + " '" + dir + "': the folder cannot be created ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + "); set it to a writable folder, or "
                        + PERSISTENCE + "=memory", e);
            }
            if (!Files.isWritable(dir)) {
                throw new IllegalArgumentException(PERSISTENCE_DIR + " '" + dir + "': the folder is not writable;"
                        + " set it to a writable folder, or " + PERSISTENCE + "=memory");
            }
        }
    }

    static Persistence readPersistence(HubSettings s) {
        String kind = s.string(PERSISTENCE, "file");
        boolean file = switch (kind.toLowerCase(Locale.ROOT)) {
            case "file" -> true;
            case "memory" -> false;
            default -> throw new IllegalArgumentException(PERSISTENCE + " '" + kind + "': file or memory");
        };
        String dir = s.string(PERSISTENCE_DIR, "");
        return new Persistence(file, dir.isEmpty() ? s.dataDir().resolve("mqtt-client")
                : Path.of(dir).toAbsolutePath().normalize());
    }

    /** TLS material; all blank when not used. */
    public record Tls(String trustStore, String trustStorePassword, String keyStore, String keyStorePassword,
                      boolean hostnameVerification) {
    }

    public static Values read(HubSettings s) {
        String topics = s.string(TOPICS, "");
        return new Values(
                s.string(BROKER_URL, ""),
                s.string(CLIENT_ID, "stadtwerk-hub-1"),
                s.string(USERNAME, ""),
                s.string(PASSWORD, ""),
                topics.isBlank() ? List.of() : Arrays.stream(topics.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList(),
                s.string(SHARED_GROUP, ""),
                s.integer(CONNECTIONS, 1),
                s.duration(SESSION_EXPIRY, Duration.ofDays(1)),
                s.integer(RECEIVE_MAXIMUM, 10000),
                s.integer(BATCH_SIZE, 1000),
                s.duration(BATCH_MAX_WAIT, Duration.ZERO),
                s.integer(PIPELINES, 2),
                s.integer(KEEP_ALIVE, 30),
                s.duration(RECONNECT_DELAY, Duration.ofSeconds(1)),
                s.duration(RECONNECT_MAX_DELAY, Duration.ofSeconds(30)),
                Path.of(s.string(MAPPINGS, "config/mqtt-mappings.yaml")),
                s.integer(DUPLICATE_WINDOW, 100_000),
                new Tls(s.string(TLS_TRUST_STORE, ""), s.string(TLS_TRUST_STORE_PASSWORD, ""),
                        s.string(TLS_KEY_STORE, ""), s.string(TLS_KEY_STORE_PASSWORD, ""),
                        s.bool(TLS_HOSTNAME_VERIFICATION, true)),
                s.bool(CLEAN_START, false),
                readPersistence(s));
    }
}
