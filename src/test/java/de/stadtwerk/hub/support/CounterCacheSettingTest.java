package de.stadtwerk.hub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The counter check's cache is on for a single instance (also with several connections) and off in a cluster. */
class CounterCacheSettingTest {

    private static int size(Map<String, String> props) {
        return HubBeans.counterCacheSize(new HubSettings(k -> Optional.ofNullable(props.get(k))));
    }

    @Test
    void aSingleInstanceKeepsTheCacheAndAnyClusterSettingSwitchesItOff() {
        assertThat(size(Map.of())).isEqualTo(10_000);
        assertThat(size(Map.of("hub.ingest.counter-cache-size", "500"))).isEqualTo(500);
        // one instance with two connections in a shared group: its own cache is right
        assertThat(size(Map.of("hub.mqtt.shared-group", "hub", "hub.mqtt.connections", "2"))).isEqualTo(10_000);
        assertThat(size(Map.of("hub.mqtt.shared-group", "hub", "hub.scheduler.clustered", "true"))).isZero();
        assertThat(size(Map.of("hub.scheduler.clustered", "true"))).isZero();
        assertThat(size(Map.of("hub.legacy.files.read-lock", "idempotent-changed"))).isZero();
        assertThat(size(Map.of("hub.legacy.files.read-lock", "changed"))).isEqualTo(10_000);
    }
}
