package de.stadtwerk.hub.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.stadtwerk.hub.model.Quantity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ObisMappingTest {

    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @CsvSource(delimiter = '|', value = {
        "1-0:1.8.0       | ENERGY_IMPORT  | 1-0:1.8.0",
        "1-0:1.8.1       | ENERGY_IMPORT  | 1-0:1.8.1",
        "1-0:1.8.2*255   | ENERGY_IMPORT  | 1-0:1.8.2",
        "1.8.0           | ENERGY_IMPORT  | 1-0:1.8.0",
        "1-0:2.8.0       | ENERGY_EXPORT  | 1-0:2.8.0",
        "1-1:2.8.1       | ENERGY_EXPORT  | 1-1:2.8.1",
        "1-0:1.7.0       | ACTIVE_POWER   | 1-0:1.7.0",
        "1-0:16.7.0      | ACTIVE_POWER   | 1-0:16.7.0",
        "1-1:1.29.0      | ENERGY_IMPORT  | 1-1:1.29.0",
        "1-2:2.29.0      | ENERGY_EXPORT  | 1-2:2.29.0",
        "1-1:1.10.0      | ENERGY_IMPORT  | 1-1:1.10.0",
        "1-0:32.7.0      | VOLTAGE        | 1-0:32.7.0",
        "1-0:31.7.0      | CURRENT        | 1-0:31.7.0",
        "1-0:14.7.0      | FREQUENCY      | 1-0:14.7.0",
        "1-0:1.8.0*01    | ENERGY_IMPORT  | 1-0:1.8.0*1",
    })
    void mapsElectricityCodes(String obis, Quantity quantity, String qualifier) {
        ObisMapping.Target t = ObisMapping.map(obis);
        assertThat(t.quantity()).isEqualTo(quantity);
        assertThat(t.qualifier()).isEqualTo(qualifier);
    }

    @Test
    void tariffAndChannelAreKeptApartInTheQualifier() {
        assertThat(ObisMapping.map("1-0:1.8.1").qualifier()).isNotEqualTo(ObisMapping.map("1-0:1.8.2").qualifier());
        assertThat(ObisMapping.map("1-1:1.8.0").qualifier()).isNotEqualTo(ObisMapping.map("1-2:1.8.0").qualifier());
        assertThat(ObisMapping.map("1-0:1.8.0").canonicalUnit()).isEqualTo("Wh");
        assertThat(ObisMapping.map("1-0:16.7.0").canonicalUnit()).isEqualTo("W");
    }

    @Test
    void unknownCodesAreRefusedWithTheCode() {
        assertThatThrownBy(() -> ObisMapping.map("1-0:99.98.0")).hasMessageContaining("1-0:99.98.0").hasMessageContaining("no mapping");
        assertThatThrownBy(() -> ObisMapping.map("7-0:3.0.0")).hasMessageContaining("not for electricity");
        assertThatThrownBy(() -> ObisMapping.map("hello")).hasMessageContaining("'hello' is not an OBIS code");
        assertThatThrownBy(() -> ObisMapping.map(null)).hasMessageContaining("missing");
    }
}
