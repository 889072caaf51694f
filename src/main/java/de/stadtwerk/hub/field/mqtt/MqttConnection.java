package de.stadtwerk.hub.field.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT 5 connection of the ingest, on the HiveMQ MQTT Client: fixed client id, {@code cleanStart=false} with a
 * session expiry (the broker keeps unacknowledged messages while the hub is away), QoS 1 subscriptions, manual
 * acknowledgement (the consumer acknowledges after the store committed), Receive Maximum as the in-flight
 * window, automatic reconnect with back-off. The publish callback is registered before the first connect, so
 * messages the broker resends right after CONNACK are not missed.

 */
final class MqttConnection {

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);

    /**
     * A received message with what is needed to acknowledge it. Every received message must be acknowledged
     * exactly once, eventually: the client acknowledges in order and holds later PUBACKs behind an earlier
     * unacknowledged message. The client sends no PUBACK for a message of a connection that is gone (its
     * {@code MqttIncomingQosHandler} checks the connection), so acknowledging after a disconnect only clears its
     * queue; the broker resends such a message on the new connection.
     */
    record Received(Mqtt5Publish publish, long receivedNanos, MqttConnection connection,
                    java.util.concurrent.atomic.AtomicBoolean done) {

        Received(Mqtt5Publish publish, MqttConnection connection) {
            this(publish, System.nanoTime(), connection, new java.util.concurrent.atomic.AtomicBoolean());
        }

        /** Acknowledges once (later calls do nothing). */
        void acknowledge() {
            if (done.compareAndSet(false, true)) {
                connection.open.remove(this);
                publish.acknowledge();
            }
        }

        String topic() {
            return publish.getTopic().toString();
        }

        byte[] payload() {
            return publish.getPayloadAsBytes();
        }
    }

    private final MqttSettings.Values settings;
    private final String clientId;
    private final List<String> subscriptions;
    private final Mqtt5AsyncClient client;
    /** Received and not yet acknowledged; released when the connection is lost. */
    final java.util.Set<Received> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean connected;
    private volatile boolean stopping;
    private volatile String lastError;

    MqttConnection(MqttSettings.Values settings, String clientId, List<String> subscriptions, Consumer<Received> sink,
                   Runnable onChange) {
        this.settings = settings;
        this.clientId = clientId;
        this.subscriptions = subscriptions;
        Mqtt5ClientBuilder b = MqttClient.builder().useMqttVersion5()
                .identifier(clientId)
                .serverHost(settings.brokerUri().getHost())
                .serverPort(settings.port())
                .automaticReconnect()
                .initialDelay(settings.reconnectDelay().toMillis(), TimeUnit.MILLISECONDS)
                .maxDelay(settings.reconnectMaxDelay().toMillis(), TimeUnit.MILLISECONDS)
                .applyAutomaticReconnect()
                .addConnectedListener(ctx -> {
                    connected = true;
                    lastError = null;
                    LOG.info("MQTT {} connected to {}", clientId, settings.brokerUrl());
                    subscribe();
                    onChange.run();
                })
                .addDisconnectedListener(ctx -> {
                    boolean was = connected;
                    connected = false;
                    // the connection is gone: no PUBACK can go out for its messages any more, and the broker resends
                    // them on the next connection. Releasing them now keeps the client's count of open messages
                    // within Receive Maximum when the broker resends the whole window right after the reconnect.
                    for (Received r : List.copyOf(open)) {
                        r.acknowledge();
                    }
                    if (ctx.getSource() != MqttDisconnectSource.USER) {
                        lastError = String.valueOf(ctx.getCause().getMessage());
                        if (was) {
                            LOG.warn("MQTT {} lost the connection to {}: {}; reconnecting", clientId,
                                    settings.brokerUrl(), lastError);
                        } else {
                            LOG.warn("MQTT {} cannot connect to {}: {}; retrying", clientId, settings.brokerUrl(), lastError);
                        }
                    }
                    if (stopping) {
                        ctx.getReconnector().reconnect(false);
                    }
                    onChange.run();
                });
        if (settings.useTls()) {
            b = b.sslConfig(MqttTls.config(settings.tls()));
        }
        this.client = b.buildAsync();
        // before connect: the broker resends unacknowledged messages right after CONNACK
        client.publishes(MqttGlobalPublishFilter.ALL, p -> {
            Received r = new Received(p, this);
            open.add(r);
            sink.accept(r);
        }, true);
    }

    String clientId() {
        return clientId;
    }

    boolean connected() {
        return connected;
    }

    String lastError() {
        return lastError;
    }

    /** Connects (asynchronously; a failure is retried by the automatic reconnect). */
    void connect() {
        stopping = false;
        Mqtt5ConnectBuilder.Send<CompletableFuture<com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck>> c =
                client.connectWith()
                        .cleanStart(settings.cleanStart())
                        .sessionExpiryInterval(settings.sessionExpiry().toSeconds())
                        .keepAlive(settings.keepAlive())
                        .restrictions().receiveMaximum(settings.receiveMaximum()).applyRestrictions();
        if (!settings.username().isBlank()) {
            c = c.simpleAuth().username(settings.username())
                    .password(settings.password().getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
        }
        c.send().whenComplete((ack, e) -> {
            if (ack != null) {
                LOG.info("MQTT {}: session {}", clientId, ack.isSessionPresent() ? "resumed" : "new");
            }
        });
    }

    private void subscribe() {
        List<Mqtt5Subscription> subs = subscriptions.stream()
                .map(f -> Mqtt5Subscription.builder().topicFilter(f).qos(MqttQos.AT_LEAST_ONCE).build()).toList();
        client.subscribeWith().addSubscriptions(subs).send().whenComplete((ack, e) -> {
            if (e != null) {
                lastError = "subscribe failed: " + e.getMessage();
                LOG.error("MQTT {}: subscribing to {} failed: {}", clientId, subscriptions, e.getMessage());
            } else {
                LOG.info("MQTT {}: subscribed to {} ({})", clientId, subscriptions, ack.getReasonCodes());
            }
        });
    }

    /**
     * Drops the connection (keeping the session on the broker), so that after {@link #connect()} the broker resends
     * every message not acknowledged yet: MQTT 5 never resends on the same connection.
     */
    void disconnect() {
        try {
            client.disconnect().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("MQTT {}: disconnect: {}", clientId, e.getMessage());
        }
        connected = false;
    }

    /** Disconnects for good (the session stays on the broker for the session expiry). */
    void stop() {
        stopping = true;
        try {
            client.disconnect().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("MQTT {}: disconnect: {}", clientId, e.getMessage());
        }
        connected = false;
    }
}
