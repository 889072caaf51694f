package de.stadtwerk.hub.field.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.stadtwerk.hub.support.HubSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.persist.MqttDefaultFilePersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void clientPersistenceIsAFileStoreUnderTheDataDirUnlessMemoryIsChosen(@TempDir Path tmp) {
        MqttSettings.Persistence byDefault = read(Map.of(HubSettings.DATA_DIR, tmp.toString())).persistence();
        assertThat(byDefault.file()).isTrue();
        assertThat(byDefault.dir()).isEqualTo(tmp.resolve("mqtt-client"));
        assertThat(read(Map.of(MqttSettings.PERSISTENCE_DIR, tmp.resolve("x/../store").toString())).persistence().dir())
                .isEqualTo(tmp.resolve("store"));
        MqttSettings.Persistence memory = read(Map.of(HubSettings.DATA_DIR, tmp.toString(),
                MqttSettings.PERSISTENCE, "Memory")).persistence();
        assertThat(memory.file()).isFalse();
        assertThat(memory.create()).isInstanceOf(MemoryPersistence.class);
        assertThat(tmp).isEmptyDirectory(); // reading the settings and a memory store create no folder
        assertThat(byDefault.create()).isInstanceOf(MqttDefaultFilePersistence.class);
        assertThat(tmp.resolve("mqtt-client")).isDirectory();
        assertThatThrownBy(() -> read(Map.of(MqttSettings.PERSISTENCE, "disk")))
                .hasMessage("hub.mqtt.persistence 'disk': file or memory");
    }

    @Test
    void aPersistenceDirThatCannotBeAFolderIsRefusedNamingTheKeyAndPath(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        for (Path dir : List.of(file, file.resolve("below"))) {
            MqttSettings.Persistence p = read(Map.of(MqttSettings.PERSISTENCE_DIR, dir.toString())).persistence();
            assertThatThrownBy(p::checkDir).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("hub.mqtt.persistence-dir '" + dir + "': the folder cannot be created")
                    .hasMessageContaining("hub.mqtt.persistence=memory");
            assertThatThrownBy(p::create).hasMessageStartingWith("hub.mqtt.persistence-dir '" + dir + "'");
        }
        MqttSettings.Persistence memory = read(Map.of(MqttSettings.PERSISTENCE, "memory",
                MqttSettings.PERSISTENCE_DIR, file.toString())).persistence();
        memory.checkDir(); // the folder is not used
        assertThat(memory.create()).isInstanceOf(MemoryPersistence.class);
    }

    static MqttSettings.Adoption adoption(Map<String, String> values) {
        return MqttSettings.readAdoption(new HubSettings(k -> Optional.ofNullable(values.get(k))));
    }

    @Test
    void adoptionIsOnByDefaultOnlyWithASharedGroupOnASharedDatabase() {
        MqttSettings.Adoption auto = adoption(Map.of());
        assertThat(auto.heartbeat().toSeconds()).isEqualTo(2);
        assertThat(auto.after().toSeconds()).isEqualTo(10);
        assertThat(auto.active("hub", true)).isTrue();
        assertThat(auto.active("hub", false)).as("embedded H2: no other instance").isFalse();
        assertThat(auto.active("", true)).as("no shared subscription, no share left behind").isFalse();
        assertThat(adoption(Map.of(MqttSettings.ADOPTION_ENABLED, "false")).active("hub", true)).isFalse();
        assertThat(adoption(Map.of(MqttSettings.ADOPTION_ENABLED, "true")).active("hub", false)).isTrue();
    }

    @Test
    void adoptionSettingsThatWouldTakeALiveSessionAreRefused() {
        assertThatThrownBy(() -> adoption(Map.of(MqttSettings.ADOPTION_AFTER, "PT3S")))
                .hasMessageContaining("at least twice hub.mqtt.adoption.heartbeat");
        assertThatThrownBy(() -> adoption(Map.of(MqttSettings.ADOPTION_ENABLED, "yes")))
                .hasMessageContaining("true, false or auto");
        assertThatThrownBy(() -> adoption(Map.of(MqttSettings.ADOPTION_ENABLED, "true")).active("", true))
                .hasMessageContaining("needs hub.mqtt.shared-group");
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
