package de.stadtwerk.hub.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class EnergiewetterSettingsTest {

    @Test
    void defaultsAndOverrides() {
        EnergiewetterSettings d = EnergiewetterSettings.from(new Properties());
        assertThat(d.thresholds()).isEqualTo(SignalThresholds.defaults());
        assertThat(d.bestWindowHours()).isEqualTo(3);
        assertThat(d.annualKWh()).containsEntry(LoadProfileId.H0, 1e8);

        Properties p = new Properties();
        p.setProperty("hub.energiewetter.level.metric", "availability");
        p.setProperty("hub.energiewetter.level.green-from", "0.4");
        p.setProperty("hub.energiewetter.load.annual-kwh", "H0:2.5e8, g0:9e7");
        EnergiewetterSettings s = EnergiewetterSettings.from(p);
        assertThat(s.thresholds().metric()).isEqualTo(SignalThresholds.Metric.AVAILABILITY);
        assertThat(s.thresholds().greenFrom()).isEqualTo(0.4);
        assertThat(s.annualKWh()).containsEntry(LoadProfileId.G0, 9e7).hasSize(2);
    }

    @Test
    void badValuesNameTheirKey() {
        Properties p = new Properties();
        p.setProperty("hub.energiewetter.best-window.hours", "three");
        assertThatThrownBy(() -> EnergiewetterSettings.from(p)).hasMessageContaining("best-window.hours: 'three'");
        Properties q = new Properties();
        q.setProperty("hub.energiewetter.load.annual-kwh", "X9:100");
        assertThatThrownBy(() -> EnergiewetterSettings.from(q)).hasMessageContaining("'X9:100'");
    }
}
