package de.stadtwerk.hub.field.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.internal.InlineDeliveryCallback;
import org.eclipse.paho.mqttv5.client.MqttClientPersistence;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttPersistenceException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT 5 connection of the ingest, on the Eclipse Paho MQTT 5 client: fixed client id, {@code cleanStart=false}
 * with a session expiry (the broker keeps unacknowledged messages while the hub is away), QoS 1 subscriptions,
 * manual acknowledgement (the consumer acknowledges after the store committed), Receive Maximum as the in-flight
 * window, reconnect with back-off. The callback is set before the first connect, so messages the broker resends
 * right after CONNACK are not missed.
 *
 * <p>Flow control: the {@code sink} may block (the consumer's hand-off queue is full). Paho then stops reading the
 * socket, so a broker that sends more than Receive Maximum (Mosquitto 2.0.11 does, see docs/field-mqtt.md) is held
 * back by TCP instead of filling the hub's memory. Paho, unlike the HiveMQ client, does not close the connection
 * when the broker exceeds Receive Maximum.
 *
 * <p>Acknowledgements are sent in arrival order per connection: a committed message's PUBACK waits until every
 * message received before it on the same connection is committed too. A PUBACK names only a packet id, and
 * Mosquitto 2.0.11, when it exceeds Receive Maximum, even reuses ids of messages still open; it then takes a PUBACK
 * for the oldest message with that id. Acknowledging in order makes that the right one. After the connection is
 * lost nothing more is acknowledged for its messages (the broker resends them, the store's upsert keeps them once).
 *
 * <p>Client-side store: the one given (the configured {@code hub.mqtt.persistence}, or memory for an adopted
 * session). Paho opens it at every connect and closes it when the connection ends (a file store holds its lock only
 * meanwhile); {@link #stop()} closes it once more, so the lock is gone even when the disconnect failed. For an
 * inbound QoS 1 message Paho writes nothing into it, so it costs the receive path nothing.
 */
final class MqttConnection {

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);

    /** A received message with what is needed to acknowledge it. */
    static final class Received {
        private final String topic;
        private final byte[] payload;
        private final int packetId;
        private final int qos;
        private final long receivedNanos;
        private final MqttConnection connection;
        private final long epoch;
        private final AtomicBoolean done = new AtomicBoolean();
        private boolean committed; // guarded by the connection
        /** Fingerprint of topic and payload (duplicate count), set by the consumer. */
        long fingerprint;

        Received(String topic, byte[] payload, int packetId, int qos, MqttConnection connection, long epoch) {
            this.topic = topic;
            this.payload = payload;
            this.packetId = packetId;
            this.qos = qos;
            this.receivedNanos = System.nanoTime();
            this.connection = connection;
            this.epoch = epoch;
        }

        String topic() {
            return topic;
        }

        byte[] payload() {
            return payload;
        }

        long receivedNanos() {
            return receivedNanos;
        }

        /** True when its connection was lost or dropped since it arrived (the broker resends it anyway). */
        boolean stale() {
            return connection.isStale(this);
        }

        /**
         * True while its connection is being closed by the hub (a reconnect after a failed batch, or the stop): a
         * message still waiting for room in the hand-off queue is given up then (no PUBACK, the broker resends it),
         * so the receive thread that waits with it ends and Paho's close, which waits for that thread, can finish.
         */
        boolean abandoned() {
            return connection.stopping;
        }

        /** Acknowledges once (later calls do nothing); no PUBACK when its connection is gone. */
        void acknowledge() {
            if (done.compareAndSet(false, true)) {
                connection.ack(this);
            }
        }
    }

    /** MQTT 5 reason code of the broker's DISCONNECT when another connection took the session over. */
    static final int SESSION_TAKEN_OVER = 0x8E;

    /** Where received messages go; may block (flow control), returns false when the message was not taken. */
    interface Sink {
        boolean offer(Received r) throws InterruptedException;
    }

    private final MqttSettings.Values settings;
    private final String clientId;
    private final List<String> subscriptions;
    private final Sink sink;
    private final ScheduledExecutorService scheduler;
    private final MqttClientPersistence store;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    /** Received, not yet acknowledged QoS 1/2 messages of the current connection, in arrival order. */
    private final ArrayDeque<Received> open = new ArrayDeque<>();
    /** Counts lost connections: a message of an earlier epoch is never acknowledged. */
    private long epoch;
    private volatile boolean connected;
    private volatile boolean stopping = true;
    private volatile String lastError;
    private volatile long retryDelayMs;
    /** When set, a lost connection is reported here (with the reason code) instead of being re-established. */
    private volatile IntConsumer onLost;
    /** Since when (nanoTime) Paho has refused to start a connect (still closing the lost one); 0: not refused. */
    private volatile long refusedSince;
    /** When a forced close of a stuck connection was last started (nanoTime). */
    private volatile long forcedAt;
    /** Connect attempts started; a watchdog looks whether the one it was set for has finished. */
    private final AtomicLong attempts = new AtomicLong();
    /** The attempt whose outcome (success or failure) Paho has reported last. */
    private volatile long finishedAttempt;

    MqttConnection(MqttSettings.Values settings, String clientId, List<String> subscriptions,
                   MqttClientPersistence store, Sink sink, ScheduledExecutorService scheduler) {
        this.settings = settings;
        this.clientId = clientId;
        this.subscriptions = subscriptions;
        this.sink = sink;
        this.scheduler = scheduler;
        this.retryDelayMs = settings.reconnectDelay().toMillis();
        String scheme = settings.useTls() ? "ssl" : "tcp";
        String url = scheme + "://" + settings.brokerUri().getHost() + ":" + settings.port();
        this.store = store;
        try {
            this.client = new MqttAsyncClient(url, clientId, store);
        } catch (MqttPersistenceException e) {
            throw new IllegalArgumentException(MqttSettings.PERSISTENCE_DIR + " '" + settings.persistence().dir()
                    + "': the client store of " + clientId + " cannot be opened: " + e.getMessage(), e);
        } catch (MqttException e) {
            throw new IllegalArgumentException(MqttSettings.BROKER_URL + " '" + settings.brokerUrl() + "': " + e.getMessage(), e);
        }
        options = new MqttConnectionOptions();
        options.setCleanStart(settings.cleanStart());
        options.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        options.setKeepAliveInterval(settings.keepAlive());
        options.setReceiveMaximum(settings.receiveMaximum());
        options.setConnectionTimeout(10);
        // Reconnects are this class's own (retryLater): Paho 1.2.5's automatic reconnect was seen not to come back
        // within a minute after a broker restart under load (PrivateMosquittoMqttIngestIT), which left the hub
        // disconnected while the broker was up again.
        options.setAutomaticReconnect(false);
        if (!settings.username().isBlank()) {
            options.setUserName(settings.username());
            options.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        }
        if (settings.useTls()) {
            options.setSocketFactory(MqttTls.socketFactory(settings.tls()));
            options.setHttpsHostnameVerificationEnabled(settings.tls().hostnameVerification());
        } else {
            options.setSocketFactory(new BufferedSocketFactory());
        }
        // received messages are delivered on Paho's receive thread, straight into the consumer's hand-off queue
        // (Paho's own hand-over to its callback thread cost a quarter of a core at 35,000 msg/s; docs/decisions.md)
        InlineDeliveryCallback.install(client);
        client.setManualAcks(true);
        client.setCallback(new Callback());
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

    /** How often this connection was lost or dropped so far. */
    synchronized long losses() {
        return epoch;
    }

    /**
     * Reports a lost connection to {@code handler} (its argument: the broker's reason code, e.g.
     * {@link #SESSION_TAKEN_OVER}, or the client's) instead of reconnecting; the handler decides whether to call
     * {@link #connect()} again. For an adopted session, which must not be taken back from its returning owner.
     */
    void onLost(IntConsumer handler) {
        this.onLost = handler;
    }

    /** Connects (asynchronously; a failure is retried with back-off, a lost connection is re-established). */
    void connect() {
        stopping = false;
        retryDelayMs = settings.reconnectDelay().toMillis();
        tryConnect();
    }

    private void tryConnect() {
        if (stopping || client.isConnected()) {
            return;
        }
        long attempt = attempts.incrementAndGet();
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    finishedAttempt = attempt;
                    refusedSince = 0;
                    retryDelayMs = settings.reconnectDelay().toMillis();
                    LOG.info("MQTT {}: session {}", clientId, token.getSessionPresent() ? "resumed" : "new");
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    finishedAttempt = attempt;
                    refusedSince = 0; // the connect was started: Paho is not stuck
                    lastError = String.valueOf(e.getMessage());
                    LOG.warn("MQTT {} cannot connect to {}: {}; retrying", clientId, settings.brokerUrl(), lastError);
                    retryLater();
                }
            });
            scheduler.schedule(() -> watch(attempt), CONNECT_WATCHDOG.toMillis(), TimeUnit.MILLISECONDS);
        } catch (MqttException e) {
            // also "connect in progress" (Paho may still be closing the lost connection): look again later, or the
            // hub would stay disconnected; tryConnect returns at once when the client is connected by then
            if (e.getReasonCode() != org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_CLIENT_CONNECTED) {
                lastError = e.getMessage();
                unstick(e);
                retryLater();
            }
        } catch (RuntimeException e) {
            // never let the reconnect loop end silently (the scheduler would swallow the exception)
            lastError = String.valueOf(e);
            LOG.warn("MQTT {}: connect failed: {}; trying again", clientId, e.toString());
            retryLater();
        }
    }

    /**
     * Paho refuses a connect while it is still closing the lost connection. That normally takes milliseconds; a full
     * suite run once saw it last (no reconnect for 30 s after a broker kill). After {@link #STUCK} of refusals the
     * lost connection is closed by force, in a thread of its own (a hung close must not stop the retry loop), and
     * the refusals are logged as a warning.
     */
    private void unstick(MqttException e) {
        long now = System.nanoTime();
        if (refusedSince == 0) {
            refusedSince = now;
        }
        if (now - refusedSince < STUCK.toNanos()) {
            LOG.debug("MQTT {}: connect not started: {}; trying again", clientId, e.getMessage());
            return;
        }
        LOG.warn("MQTT {}: connect refused for {} s: {} (reason {}); trying again", clientId,
                (now - refusedSince) / 1_000_000_000L, e.getMessage(), e.getReasonCode());
        if (forcedAt == 0 || now - forcedAt > STUCK.toNanos()) {
            forcedAt = now;
            LOG.warn("MQTT {}: closing the lost connection by force", clientId);
            forceClose();
        }
    }

    /** Closes the client's connection by force, in a thread of its own (a hung close must not stop the retry loop). */
    private void forceClose() {
        Thread t = new Thread(() -> {
            try {
                client.disconnectForcibly(0, 1000, false);
            } catch (MqttException | RuntimeException ex) {
                LOG.warn("MQTT {}: forced close: {}", clientId, ex.toString());
            }
        }, "mqtt-unstick-" + clientId);
        t.setDaemon(true);
        t.start();
    }

    /**
     * A connect attempt Paho neither completed nor failed within {@link #CONNECT_WATCHDOG}: Paho 1.2.5 can hang in
     * it after a lost connection (its connect thread waits forever in {@code CommsSender.start} for a sender thread
     * that has already stopped; seen in a thread dump of the broker-kill test, F3). No callback comes then, so
     * nothing would try again: the attempt is closed by force and the loop goes on.
     */
    private void watch(long attempt) {
        if (stopping || connected || finishedAttempt >= attempt || attempts.get() != attempt) {
            return;
        }
        lastError = "connect did not finish within " + CONNECT_WATCHDOG.toSeconds() + " s";
        LOG.warn("MQTT {}: {}; closing it by force and trying again", clientId, lastError);
        forceClose();
        retryLater();
    }

    /** Paho's own connection timeout plus a margin: a connect still open after that is stuck. */
    static final Duration CONNECT_WATCHDOG = Duration.ofSeconds(15);

    /** How long Paho may refuse to start a connect before the lost connection is closed by force. */
    static final Duration STUCK = Duration.ofSeconds(5);

    private void retryLater() {
        if (stopping) {
            return;
        }
        long delay = retryDelayMs;
        retryDelayMs = Math.min(retryDelayMs * 2, settings.reconnectMaxDelay().toMillis());
        scheduler.schedule(this::tryConnect, delay, TimeUnit.MILLISECONDS);
    }

    private void subscribe() {
        String[] filters = subscriptions.toArray(String[]::new);
        int[] qos = new int[filters.length];
        java.util.Arrays.fill(qos, 1);
        try {
            client.subscribe(filters, qos, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    LOG.info("MQTT {}: subscribed to {} ({})", clientId, subscriptions,
                            java.util.Arrays.toString(token.getReasonCodes()));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    lastError = "subscribe failed: " + e.getMessage();
                    LOG.error("MQTT {}: subscribing to {} failed: {}", clientId, subscriptions, e.getMessage());
                }
            });
        } catch (MqttException e) {
            lastError = "subscribe failed: " + e.getMessage();
            LOG.error("MQTT {}: subscribing to {} failed: {}", clientId, subscriptions, e.getMessage());
        }
    }

    private synchronized Received received(String topic, MqttMessage message) {
        Received r = new Received(topic, message.getPayload(), message.getId(), message.getQos(), this, epoch);
        if (r.qos > 0) {
            open.addLast(r);
        }
        return r;
    }

    private synchronized boolean isStale(Received r) {
        return r.epoch != epoch;
    }

    private synchronized void ack(Received r) {
        if (r.epoch != epoch || r.qos == 0) {
            return; // its connection is gone: the broker resends it
        }
        r.committed = true;
        while (!open.isEmpty() && open.peekFirst().committed) {
            Received head = open.pollFirst();
            try {
                client.messageArrivedComplete(head.packetId, head.qos);
            } catch (MqttException e) {
                LOG.debug("MQTT {}: PUBACK {} not sent: {}", clientId, head.packetId, e.getMessage());
            }
        }
    }

    /** The connection is gone: no PUBACK may go out for its messages any more. */
    private synchronized void lost() {
        connected = false;
        epoch++;
        open.clear();
    }

    /**
     * Drops the connection (keeping the session on the broker), so that after {@link #connect()} the broker resends
     * every message not acknowledged yet: MQTT 5 never resends on the same connection.
     */
    void disconnect() {
        stopping = true;
        close();
    }

    /** Disconnects for good and releases the client (the session stays on the broker for the session expiry). */
    void stop() {
        stopping = true;
        close();
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("MQTT {}: close: {}", clientId, e.getMessage());
        }
        try {
            store.close(); // normally closed by Paho at the disconnect already: then this only reports that
        } catch (MqttPersistenceException | RuntimeException e) {
            LOG.debug("MQTT {}: client store already closed: {}", clientId, e.toString());
        }
    }

    private void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(0).waitForCompletion(10_000);
            }
        } catch (MqttException e) {
            LOG.debug("MQTT {}: disconnect: {}", clientId, e.getMessage());
            try {
                client.disconnectForcibly(0, 1000, false);
            } catch (MqttException e2) {
                LOG.debug("MQTT {}: forced disconnect: {}", clientId, e2.getMessage());
            }
        }
        lost();
    }

    private final class Callback implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            Received r = received(topic, message);
            try {
                sink.offer(r); // false: not taken (stopping), no PUBACK, the broker resends it
            } catch (InterruptedException e) {
                // Paho stops this thread when the connection is lost: the message stays unacknowledged
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            connected = true;
            lastError = null;
            LOG.info("MQTT {} {} to {}", clientId, reconnect ? "reconnected" : "connected", settings.brokerUrl());
            subscribe();
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            boolean was = connected;
            lost();
            lastError = response.getException() != null ? String.valueOf(response.getException().getMessage())
                    : "disconnected by the broker: " + response.getReasonString() + " (" + response.getReturnCode() + ")";
            IntConsumer handler = onLost;
            if (!stopping && handler != null) {
                LOG.info("MQTT {} lost the connection to {}: {}", clientId, settings.brokerUrl(), lastError);
                handler.accept(response.getException() != null ? response.getException().getReasonCode()
                        : response.getReturnCode());
            } else if (!stopping) {
                if (was) {
                    LOG.warn("MQTT {} lost the connection to {}: {}; reconnecting", clientId, settings.brokerUrl(), lastError);
                    retryDelayMs = settings.reconnectDelay().toMillis();
                }
                retryLater();
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            LOG.warn("MQTT {}: {}", clientId, e.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // the ingest does not publish
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
