package de.stadtwerk.hub.field.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.quarantine.QuarantinedItem;
import de.stadtwerk.hub.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The at-least-once cases of the MQTT ingest, run against each broker by the subclasses: bad payloads, the hub
 * away while the broker keeps its session, the store unavailable, the broker restarting while devices publish.
 * Each test uses its own run id (topics, client ids, assets), so a shared broker does not mix tests.
 */
abstract class MqttAtLeastOnceContract {

    static final Duration WAIT = Duration.ofSeconds(60);

    TestHub hub;

    /** Adds the broker settings to the hub's properties. */
    abstract void useBroker(TestHub hub);

    /** The URL devices publish to (after the hub started). */
    abstract String brokerUrl(TestHub hub);

    /** Restarts the broker; the restart test is skipped by the subclass when it cannot. */
    abstract void restartBroker(TestHub hub) throws Exception;

    /** Takes the hub's MQTT consumer away (the broker keeps its session) ... */
    abstract void stopHub(TestHub hub) throws Exception;

    /** ... and brings it back. */
    abstract void startHub(TestHub hub) throws Exception;

    TestHub newHub() {
        hub = new TestHub();
        useBroker(hub);
        return hub.start();
    }

    @AfterEach
    void stopTestHub() {
        if (hub != null) {
            hub.close();
        }
    }

    void awaitSubscribed() {
        await().atMost(WAIT).until(() -> hub.context().getRouteController().getRouteStatus("field-meters-mqtt").isStarted()
                && hub.context().getEndpoint("hub-mqtt:meters") != null && consumerConnected());
    }

    boolean consumerConnected() {
        return hub.context().getRoute("field-meters-mqtt").getConsumer() instanceof MqttIngestConsumer c
                && c.connectedCount() == c.connectionCount() && c.connectionCount() > 0;
    }

    @Test
    void everyKindOfBadPayloadIsQuarantinedAndTheSubscriptionKeepsRunning() {
        newHub();
        awaitSubscribed();
        String m = hub.runId + "-m-1";
        List<byte[]> bad = List.of(
                "meter 12.5 Wh".getBytes(StandardCharsets.UTF_8),
                ("{\"meter\":\"" + m + "\",\"ts\":\"2026-11-26T10:15:00+01:00\",\"obis\":\"1.8.0\",\"unit\":\"Wh\"}").getBytes(StandardCharsets.UTF_8),
                ("{\"meter\":\"" + m + "\",\"ts\":\"2026-11-26T10:15:00+01:00\",\"obis\":\"1.8.0\",\"value\":\"12,5\",\"unit\":\"Wh\"}").getBytes(StandardCharsets.UTF_8),
                ("{\"meter\":\"" + m + "\",\"ts\":\"2026-11-26T10:15:00+01:00\",\"obis\":\"1-0:99.8.0\",\"value\":1,\"unit\":\"Wh\"}").getBytes(StandardCharsets.UTF_8),
                ("{\"meter\":\"" + m + "\",\"ts\":\"2026-11-26T10:15:00+01:00\",\"obis\":\"1.8.0\",\"value\":1e309,\"unit\":\"Wh\"}").getBytes(StandardCharsets.UTF_8),
                ("{\"meter\":\"" + m + "\",\"ts\":\"2026-11-26T10:15:00+01:00\",\"obis\":\"1.8.0\",\"value\":1,\"unit\":\"parsec\"}").getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC3, (byte) 0x28},
                new byte[0]);
        try (TestPublisher device = new TestPublisher(brokerUrl(hub), hub.runId + "-device")) {
            int good = 0;
            for (byte[] payload : bad) {
                device.publish(hub.topic(m), payload);
                device.publish(hub.topic(m), TestPublisher.reading(m, good++));
            }
            int goods = good;
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(hub.storedRows()).isEqualTo(goods);
                assertThat(hub.quarantined()).isEqualTo(bad.size());
            });
        }
        List<QuarantinedItem> items = hub.bean("quarantineStore", QuarantineStore.class).list(null, 100).stream()
                .filter(i -> i.payload().contains(hub.runId)).toList();
        assertThat(items).hasSize(bad.size()).allSatisfy(i -> {
            assertThat(i.payload()).startsWith("{\"topic\":\"" + hub.topic(m) + "\",\"payload");
            assertThat(i.replayEndpoint()).isEqualTo(MqttIngestConstants.REPLAY_ENDPOINT);
        });
        assertThat(items).extracting(QuarantinedItem::reason).anySatisfy(r -> assertThat(r).contains("payload is not JSON"))
                .anySatisfy(r -> assertThat(r).contains("missing field $.value"))
                .anySatisfy(r -> assertThat(r).contains("must be a JSON number"))
                .anySatisfy(r -> assertThat(r).contains("unknown OBIS code '1-0:99.8.0'"))
                .anySatisfy(r -> assertThat(r).contains("not a finite number"))
                .anySatisfy(r -> assertThat(r).contains("parsec"))
                .anySatisfy(r -> assertThat(r).contains("not valid UTF-8"));
        assertThat(consumerConnected()).as("subscription alive").isTrue();
    }

    @Test
    void messagesPublishedWhileTheHubIsAwayAreDeliveredWhenItComesBack() throws Exception {
        newHub();
        awaitSubscribed();
        stopHub(hub);
        int n = 300;
        try (TestPublisher device = new TestPublisher(brokerUrl(hub), hub.runId + "-device")) {
            for (int i = 0; i < n; i++) {
                device.publish(hub.topic(hub.runId + "-m-" + (i % 10)), TestPublisher.reading(hub.runId + "-m-" + (i % 10), i));
            }
        }
        assertThat(hub.storedRows()).as("nothing stored while the hub is away").isZero();
        startHub(hub);
        await().atMost(WAIT).until(() -> hub.storedRows() == n);
        assertThat(hub.distinctKeys()).isEqualTo(n);
    }

    @Test
    void whileTheStoreIsUnavailableNothingIsAcknowledgedAndTheBrokerSendsItAgain() throws Exception {
        newHub();
        AtomicBoolean outage = new AtomicBoolean(true);
        AtomicInteger seenDuringOutage = new AtomicInteger();
        AdviceWith.adviceWith(hub.context(), "field-meters-mqtt", a -> a.weaveById("field-meters-mqtt-ingest").before()
                .process(ex -> {
                    if (outage.get()) {
                        seenDuringOutage.addAndGet(ex.getMessage().getBody(MqttBatch.class).size());
                        throw new StoreUnavailableException("test: store down", null);
                    }
                }));
        if (!hub.context().getRouteController().getRouteStatus("field-meters-mqtt").isStarted()) {
            hub.context().getRouteController().startRoute("field-meters-mqtt");
        }
        awaitSubscribed();
        // the messages wait in the session while the consumer is stopped, so that the broker's first delivery is a
        // burst: HiveMQ CE sends the next messages only after the open ones are acknowledged, so a first delivery of
        // a single message would make every outage cycle resend just that one
        hub.context().getRouteController().stopRoute("field-meters-mqtt");
        int n = 200;
        try (TestPublisher device = new TestPublisher(brokerUrl(hub), hub.runId + "-device")) {
            for (int i = 0; i < n; i++) {
                device.publish(hub.topic(hub.runId + "-m-1"), TestPublisher.reading(hub.runId + "-m-1", i));
            }
        }
        hub.context().getRouteController().startRoute("field-meters-mqtt");
        // every message seen at least twice: not acknowledged, so the broker sent it again after the reconnect
        await().atMost(WAIT).until(() -> seenDuringOutage.get() >= 2 * n);
        assertThat(hub.storedRows()).isZero();
        outage.set(false);
        await().atMost(WAIT).untilAsserted(() -> assertThat(hub.storedRows()).isEqualTo(n));
        assertThat(hub.distinctKeys()).isEqualTo(n);
        assertThat(consumerConnected()).isTrue();
    }

    @Test
    void aBrokerRestartWhileDevicesPublishLosesNothingAndDuplicatesNothing() throws Exception {
        newHub();
        awaitSubscribed();
        int n = 1000;
        AtomicInteger published = new AtomicInteger();
        Thread devices = new Thread(() -> {
            try (TestPublisher device = new TestPublisher(brokerUrl(hub), hub.runId + "-device")) {
                for (int i = 0; i < n; i++) {
                    String meter = hub.runId + "-m-" + (i % 50);
                    device.publish(hub.topic(meter), TestPublisher.reading(meter, i));
                    published.incrementAndGet();
                }
            }
        }, "it-devices");
        devices.start();
        await().atMost(WAIT).until(() -> published.get() >= n / 3);
        restartBroker(hub);
        devices.join(WAIT.toMillis());
        assertThat(published.get()).isEqualTo(n);
        await().atMost(WAIT).untilAsserted(() -> assertThat(hub.storedRows()).isEqualTo(n));
        assertThat(hub.distinctKeys()).isEqualTo(n);
    }
}
