package de.stadtwerk.hub.field.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.stadtwerk.hub.support.HubSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MqttSettingsTest {

    static MqttSettings.Values read(Map<String, String> values) {
        return MqttSettings.read(new HubSettings(k -> Optional.ofNullable(values.get(k))));
    }

    @Test
    void defaultsAreAtLeastOnce() {
        MqttSettings.Values v = read(Map.of(MqttSettings.BROKER_URL, "tcp://127.0.0.1:1883"));
        assertThat(v.clientId()).isEqualTo("stadtwerk-hub-1");
        assertThat(v.sessionExpiry().toHours()).isEqualTo(24);
        assertThat(v.receiveMaximum()).isEqualTo(10000);
        assertThat(v.useTls()).isFalse();
        assertThat(v.port()).isEqualTo(1883);
        assertThat(v.subscriptions(List.of("a/+/b"))).containsExactly("a/+/b");
    }

    @Test
    void sharedGroupTopicsAndTls() {
        MqttSettings.Values v = read(Map.of(MqttSettings.BROKER_URL, "ssl://broker.example", MqttSettings.SHARED_GROUP, "hub",
                MqttSettings.TOPICS, " x/# , y/+ ", MqttSettings.CONNECTIONS, "3"));
        assertThat(v.useTls()).isTrue();
        assertThat(v.port()).isEqualTo(8883);
        assertThat(v.subscriptions(List.of("ignored"))).containsExactly("$share/hub/x/#", "$share/hub/y/+");
    }

    @Test
    void settingsThatWouldBreakAtLeastOnceAreRefused() {
        assertThatThrownBy(() -> read(Map.of(MqttSettings.CONNECTIONS, "2")))
                .hasMessageContaining("needs hub.mqtt.shared-group");
        assertThatThrownBy(() -> read(Map.of(MqttSettings.SESSION_EXPIRY, "PT0S")))
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> read(Map.of(MqttSettings.PIPELINES, "0")))
                .hasMessageContaining("hub.mqtt.pipelines must be at least 1");
        assertThatThrownBy(() -> read(Map.of(MqttSettings.RECEIVE_MAXIMUM, "70000")))
                .hasMessageContaining("1..65535");
        assertThatThrownBy(() -> read(Map.of(MqttSettings.BROKER_URL, "http://x:1")).useTls())
                .hasMessageContaining("scheme must be");
    }

    @Test
    void duplicatesAreRecognisedWithinTheWindow() {
        RecentMessages recent = new RecentMessages(2);
        byte[] a = "1".getBytes();
        recent.add(RecentMessages.hash("t", a));
        assertThat(recent.contains(RecentMessages.hash("t", a))).isTrue();
        assertThat(recent.contains(RecentMessages.hash("u", a))).isFalse();
        recent.add(RecentMessages.hash("t", "2".getBytes()));
        recent.add(RecentMessages.hash("t", "3".getBytes()));
        assertThat(recent.contains(RecentMessages.hash("t", a))).as("evicted").isFalse();
    }
}
