package de.stadtwerk.hub.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.stadtwerk.hub.support.HubSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Configuration errors of database polling are reported with the key and what is wrong. */
class LegacyDbConfigTest {

    static final Map<String, String> MAP = Map.of("asset", "meter_id", "quantity", "'energy_import'", "value", "reading",
            "start", "read_at");

    static DbPoller.Config config(Map<String, String> keys, Map<String, String> map) {
        Map<String, String> all = new HashMap<>(Map.of(LegacySettings.DB_QUERY, "SELECT * FROM t",
                LegacySettings.DB_WATERMARK_COLUMN, "changed_at"));
        all.putAll(keys);
        return LegacyBeans.dbConfig(new HubSettings(k -> Optional.ofNullable(all.get(k))), map);
    }

    @Test
    void defaultsAreATimestampWatermarkAndObservations() {
        DbPoller.Config c = config(Map.of(), MAP);
        assertThat(c.numericWatermark()).isFalse();
        assertThat(c.assets()).isFalse();
        assertThat(c.batchSize()).isEqualTo(5000);
        assertThat(c.name()).isEqualTo("legacy");
    }

    @Test
    void badKeysNameTheKey() {
        assertThatThrownBy(() -> config(Map.of(LegacySettings.DB_TARGET, "rows"), MAP))
                .hasMessageContaining("hub.legacy.db.target").hasMessageContaining("observation or asset");
        assertThatThrownBy(() -> config(Map.of(LegacySettings.DB_WATERMARK_TYPE, "date"), MAP))
                .hasMessageContaining("hub.legacy.db.watermark.type");
        assertThatThrownBy(() -> config(Map.of(LegacySettings.DB_WATERMARK_COLUMN, "x; DROP TABLE t"), MAP))
                .hasMessageContaining("plain column name");
        assertThatThrownBy(() -> config(Map.of(LegacySettings.DB_QUERY, "DELETE FROM t"), MAP))
                .hasMessageContaining("must be a SELECT");
        assertThatThrownBy(() -> config(Map.of(), Map.of("asset", "meter_id", "value", "v", "start", "s")))
                .hasMessageContaining("hub.legacy.db.map.quantity is missing");
        Map<String, String> typo = new HashMap<>(MAP);
        typo.put("vaule", "x");
        assertThatThrownBy(() -> config(Map.of(), typo)).hasMessageContaining("hub.legacy.db.map.vaule: unknown field");
    }
}
