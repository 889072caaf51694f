package de.stadtwerk.hub.field.mqtt;

import de.stadtwerk.hub.field.mqtt.mapping.MqttPayload;
import de.stadtwerk.hub.ingest.IngestResult;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.DefaultConsumer;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code hub-mqtt:} consumer: at-least-once MQTT ingest with acknowledgement after commit.
 *
 * <p>Messages of all connections go into one hand-off queue, bounded by Receive Maximum × connections. When it is
 * full the connection's receive thread waits, so the client stops reading the socket (flow control by TCP: it holds
 * back a broker that sends more than Receive Maximum). {@code pipelines} threads take batches from it: everything
 * waiting, up to {@code batchSize}, and when fewer are there, what arrives within {@code batchMaxWait}. With two or
 * more pipelines one batch is mapped while another commits (group commit). Each batch is one exchange through the
 * route; when the exchange completes without an exception, every message of the batch is acknowledged (a PUBACK
 * names its packet id, so batches may complete in any order). When it fails (the store stayed unavailable through
 * the route's redeliveries), nothing is acknowledged and the connections are dropped and opened again, so the
 * broker resends the unacknowledged messages (MQTT 5 never resends on the same connection).
 *
 * <p>With session adoption ({@link MqttAdoption}, docs/cluster.md) the consumer also holds the connections of dead
 * members of its share group that it adopted; their messages go into the same queue and batches.
 */
final class MqttIngestConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(MqttIngestConsumer.class);

    private final MqttSettings.Values settings;
    private final List<String> subscriptions;
    private final LinkedBlockingQueue<MqttConnection.Received> queue;
    private final List<MqttConnection> connections = new ArrayList<>();
    /** Connections with the client ids of dead members of the share group (session adoption). */
    private final List<MqttConnection> adoptedConnections = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Adoption settings when adoption is on for this consumer, else null. */
    private final MqttSettings.Adoption adoptionSettings;
    private final MqttMembers members;
    private MqttAdoption adoption;
    private final RecentMessages recent;
    private final Clock clock = Clock.systemUTC();
    private MqttMetrics metrics;
    private MqttHealthCheck health;
    private volatile boolean running;
    private final List<Thread> workers = new ArrayList<>();
    private ScheduledExecutorService scheduler;
    private final Object reconnectLock = new Object();

    MqttIngestConsumer(MqttIngestEndpoint endpoint, Processor processor, MqttSettings.Values settings,
                       List<String> subscriptions, MqttSettings.Adoption adoption, MqttMembers members) {
        super(endpoint, processor);
        this.settings = settings;
        this.subscriptions = subscriptions;
        this.adoptionSettings = adoption;
        this.members = members;
        this.recent = new RecentMessages(settings.duplicateWindow());
        this.queue = new LinkedBlockingQueue<>(settings.receiveMaximum() * settings.connections());
    }

    MqttSettings.Values settings() {
        return settings;
    }

    /** Own and adopted connections. */
    int connectionCount() {
        return connections.size() + adoptedConnections.size();
    }

    int connectedCount() {
        return (int) (connections.stream().filter(MqttConnection::connected).count()
                + adoptedConnections.stream().filter(MqttConnection::connected).count());
    }

    /** Client ids of the adopted sessions held now (empty without adoption). */
    List<String> adoptedClientIds() {
        return adoptedConnections.stream().map(MqttConnection::clientId).toList();
    }

    int pending() {
        return queue.size();
    }

    String lastError() {
        return java.util.stream.Stream.concat(connections.stream(), adoptedConnections.stream())
                .map(MqttConnection::lastError).filter(e -> e != null).findFirst().orElse(null);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        String routeId = getRouteId() != null ? getRouteId() : getEndpoint().getEndpointKey();
        MeterRegistry registry = getEndpoint().getCamelContext().getRegistry().findSingleByType(MeterRegistry.class);
        metrics = new MqttMetrics(registry, routeId);
        metrics.adoptedSessions(adoptedConnections);
        health = new MqttHealthCheck(routeId, this);
        HealthCheckRegistry hcr = HealthCheckRegistry.get(getEndpoint().getCamelContext());
        if (hcr != null) {
            hcr.register(health);
        }
        scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hub-mqtt-" + routeId + "-reconnect");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < settings.connections(); i++) {
            String id = settings.connections() == 1 ? settings.clientId() : settings.clientId() + "-" + (i + 1);
            connections.add(new MqttConnection(settings, id, subscriptions, settings.persistence().create(),
                    this::offer, scheduler));
        }
        running = true;
        for (int i = 0; i < settings.pipelines(); i++) {
            Thread worker = new Thread(this::run, "hub-mqtt-" + routeId + "-" + (i + 1));
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        LOG.info("MQTT ingest {}: {} connection(s) to {} as {}, topics {}, {} pipeline(s) with batches of up to {} "
                        + "(wait {} ms), receive maximum {}, session expiry {}", routeId, settings.connections(),
                settings.brokerUrl(), settings.clientId(), subscriptions, settings.pipelines(), settings.batchSize(),
                settings.batchMaxWait().toMillis(), settings.receiveMaximum(), settings.sessionExpiry());
        if (settings.cleanStart()) {
            LOG.warn("MQTT ingest {}: {}=true, every connect starts a new session: readings published while the hub"
                    + " is away are lost", routeId, MqttSettings.CLEAN_START);
        }
        if (adoptionSettings != null) {
            adoption = new MqttAdoption(members, new AdoptionHost(), settings.sharedGroup(), subscriptions,
                    connections.stream().map(MqttConnection::clientId).toList(), adoptionSettings,
                    settings.reconnectDelay());
            adoption.register(); // the heartbeat before the connect: nobody adopts this instance's session meanwhile
        }
        connections.forEach(MqttConnection::connect);
        if (adoption != null) {
            adoption.start();
            LOG.info("MQTT ingest {}: session adoption on (instance {}, heartbeat {}, adopt after {})", routeId,
                    adoption.instanceId(), adoptionSettings.heartbeat(), adoptionSettings.after());
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (adoption != null) {
            adoption.stopCycle(); // no new adoption while stopping
        }
        running = false;
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(30)); // the batch in hand is committed and acknowledged
            worker.interrupt();
        }
        workers.clear();
        if (adoption != null) {
            adoption.stop(); // adopted connections closed, claims released: a survivor takes them over at once
            adoption = null;
        }
        connections.forEach(MqttConnection::stop);
        queue.clear(); // not acknowledged to the broker: it resends them at the next connect
        connections.clear();
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        HealthCheckRegistry hcr = HealthCheckRegistry.get(getEndpoint().getCamelContext());
        if (hcr != null && health != null) {
            hcr.unregister(health);
        }
        super.doStop();
    }

    /**
     * Called by a connection's receive thread; waits while the queue is full (flow control), until the consumer stops
     * or the hub closes that connection (then the message is not taken, not acknowledged, and comes again).
     */
    private boolean offer(MqttConnection.Received r) throws InterruptedException {
        while (running && !r.abandoned()) {
            if (queue.offer(r, 100, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    private void run() {
        long maxWait = settings.batchMaxWait().toNanos();
        while (running) {
            try {
                MqttConnection.Received first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                // sized by what is waiting: at a low rate a batch is a message or two, and a 1,000-slot list per
                // batch was a sixth of the bytes the hub allocated at 2,000 msg/s (more young collections, worse p99)
                List<MqttConnection.Received> batch =
                        new ArrayList<>(Math.min(settings.batchSize(), Math.max(8, queue.size() + 1)));
                take(first, batch);
                long deadline = System.nanoTime() + maxWait;
                while (batch.size() < settings.batchSize()) {
                    MqttConnection.Received r = queue.poll();
                    if (r == null) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0 || (r = queue.poll(left, TimeUnit.NANOSECONDS)) == null) {
                            break;
                        }
                    }
                    take(r, batch);
                }
                if (!batch.isEmpty()) {
                    process(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("MQTT ingest: unexpected failure, messages stay unacknowledged: {}", e.toString(), e);
            }
        }
    }

    private void take(MqttConnection.Received r, List<MqttConnection.Received> batch) {
        metrics.received.increment();
        r.fingerprint = RecentMessages.hash(r.topic(), r.payload());
        batch.add(r);
    }

    private void process(List<MqttConnection.Received> batch) {
        List<MqttPayload> payloads = new ArrayList<>(batch.size());
        java.time.Instant now = clock.instant();
        for (MqttConnection.Received r : batch) {
            payloads.add(new MqttPayload(r.topic(), r.payload(), now));
        }
        Exchange exchange = createExchange(false);
        try {
            exchange.getMessage().setBody(new MqttBatch(payloads));
            exchange.getMessage().setHeader(MqttIngestConstants.BATCH_SIZE, batch.size());
            exchange.setProperty(MqttIngestConstants.METRICS_PROPERTY, metrics);
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        try {
            if (exchange.getException() == null) {
                acknowledge(batch, exchange);
            } else {
                fail(batch, exchange.getException());
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }

    private void acknowledge(List<MqttConnection.Received> batch, Exchange exchange) {
        long now = System.nanoTime();
        long[] fingerprints = new long[batch.size()];
        int i = 0;
        for (MqttConnection.Received r : batch) {
            r.acknowledge(); // no PUBACK when r came on a connection that is gone (resent, stored again)
            fingerprints[i++] = r.fingerprint;
            metrics.receiveToCommit.record(now - r.receivedNanos(), TimeUnit.NANOSECONDS);
        }
        int duplicates = recent.addAll(fingerprints, i);
        if (duplicates > 0) {
            metrics.duplicates.increment(duplicates);
        }
        metrics.committed.increment(batch.size());
        metrics.batchSize.record(batch.size());
        if (exchange.getMessage().getBody() instanceof IngestResult result && LOG.isDebugEnabled()) {
            LOG.debug("MQTT batch of {} committed: {}", batch.size(), result);
        }
    }

    private void fail(List<MqttConnection.Received> batch, Exception e) {
        metrics.failedBatches.increment();
        LOG.warn("MQTT batch of {} messages not stored ({}); not acknowledged, reconnecting so that the broker "
                + "sends them again", batch.size(), e.getMessage());
        synchronized (reconnectLock) {
            if (batch.stream().allMatch(MqttConnection.Received::stale)) {
                return; // another pipeline's failure already re-opened the connections: the broker resends these
            }
            connections.forEach(MqttConnection::disconnect);
            adoptedConnections.forEach(MqttConnection::disconnect);
            // what is queued came on the connections just closed: no PUBACK can go out for it, the broker resends it
            queue.clear();
            if (!running) {
                return;
            }
            for (MqttConnection c : connections) {
                metrics.reconnects.increment();
                c.connect();
            }
            for (MqttConnection c : adoptedConnections) {
                metrics.reconnects.increment();
                c.connect();
            }
        }
    }

    /** The consumer's side of the adoption: adopted connections feed the same queue and batches. */
    private final class AdoptionHost implements MqttAdoption.Host {

        @Override
        public MqttConnection adopt(String clientId, List<String> subs) {
            // memory, never the file store: the adopted client id is another instance's, whose folder (possibly in
            // a shared data dir) the owner locks while it runs and takes back when it returns; Paho's file lock
            // would not keep an adopter out (it deletes the owner's lock file when it fails to get the lock and
            // goes on), and an inbound QoS 1 subscription keeps nothing there that the broker's session does not
            MqttConnection c = new MqttConnection(settings, clientId, subs, new MemoryPersistence(),
                    MqttIngestConsumer.this::offer, scheduler);
            adoptedConnections.add(c);
            metrics.adoptions.increment();
            return c;
        }

        @Override
        public boolean ownConnected() {
            return connections.stream().allMatch(MqttConnection::connected);
        }

        @Override
        public long ownLosses() {
            return connections.stream().mapToLong(MqttConnection::losses).sum();
        }

        @Override
        public void handBack(MqttConnection c, boolean takenOver) {
            adoptedConnections.remove(c);
            synchronized (reconnectLock) { // not re-opened by a failed batch meanwhile
                c.stop();
            }
            metrics.handedBack.increment();
        }
    }
}
