package de.stadtwerk.hub.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AttributionTest {

    @Test
    void providersAskForTheseLines() {
        assertThat(Attribution.DWD.text()).isEqualTo("Datenbasis: Deutscher Wetterdienst");
        assertThat(Attribution.SMARD.text()).isEqualTo("Bundesnetzagentur | SMARD.de");
        assertThat(Attribution.OPEN_METEO.text()).isEqualTo("Weather data by Open-Meteo.com");
        assertThat(Attribution.DWD.line()).isEqualTo("Datenbasis: Deutscher Wetterdienst (CC-BY-4.0)");
        assertThat(Attribution.MASTR.licenceId()).isEqualTo("DL-DE-BY-2.0");
    }
}
