package de.stadtwerk.hub.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UnitsTest {

    @ParameterizedTest(name = "{0} {1} = {3} {2}")
    @CsvSource(delimiter = '|', value = {
        "1.5      | kWh    | Wh    | 1500",
        "2        | MWh    | Wh    | 2000000",
        "12.5     | KWH    | Wh    | 12500",
        "750      | Wh     | Wh    | 750",
        "0.5      | GWh    | Wh    | 500000000",
        "3.6      | MJ     | Wh    | 1000",
        "1.5      | MWH    | Wh    | 1500000",
        "42.125   | m³     | m3    | 42.125",
        "42.125   | MTQ    | m3    | 42.125",
        "12500    | l      | m3    | 12.5",
        "3        | MW     | W     | 3000000",
        "0.25     | kW     | W     | 250",
        "273.15   | K      | Cel   | 0",
        "300      | K      | Cel   | 26.85",
        "21.5     | °C     | Cel   | 21.5",
        "212      | [degF] | Cel   | 100",
        "36       | km/h   | m/s   | 10",
        "1013.25  | hPa    | bar   | 1.01325",
        "101325   | Pa     | hPa   | 1013.25",
        "1000     | L      | m3    | 1",
        "1        | L/s    | m3/h  | 3.6",
        "10       | ct/kWh | EUR/MWh | 100",
        "150      | cm     | m     | 1.5",
    })
    void convertsToCanonicalUnits(double value, String from, String to, double expected) {
        assertThat(Units.convert(value, from, to)).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
    }

    @Test
    void conversionsCarryNoBinaryNoise() {
        assertThat(Units.convert(8.056, "kWh", "Wh")).isEqualTo(8056.0);
        assertThat(Units.convert(0.1 + 0.2, "kWh", "Wh")).isEqualTo(300.0);
        assertThat(Units.convert(1.234567890123, "MWh", "Wh")).isEqualTo(1_234_567.89012);
        assertThat(Units.convert(-3.3, "kW", "W")).isEqualTo(-3300.0);
    }

    @Test
    void energyPerAreaOverAnHourBecomesMeanIrradiance() {
        // DWD MOSMIX Rad1h: 1800 kJ/m2 in one hour = 500 W/m2 on average
        assertThat(Units.convert(1800, "kJ/m2", "W/m2", Duration.ofHours(1))).isCloseTo(500, within(1e-9));
        // DWD 10-minute data: J/cm2 over 10 minutes
        assertThat(Units.convert(30, "J/cm2", "W/m2", Duration.ofMinutes(10))).isCloseTo(500, within(1e-9));
    }

    @Test
    void energyPerAreaWithoutIntervalIsRefused() {
        assertThatThrownBy(() -> Units.convert(1800, "kJ/m2", "W/m2"))
                .isInstanceOf(Units.UnitException.class).hasMessageContaining("needs the interval");
    }

    @Test
    void unknownUnitIsNamed() {
        assertThatThrownBy(() -> Units.convert(1, "furlong", "m"))
                .isInstanceOf(Units.UnitException.class).hasMessageContaining("unknown unit 'furlong'");
    }

    @Test
    void unitsOfDifferentDimensionsDoNotConvert() {
        assertThatThrownBy(() -> Units.convert(1, "kWh", "W"))
                .isInstanceOf(Units.UnitException.class).hasMessageContaining("kWh does not convert to W");
    }

    @ParameterizedTest(name = "{0} is not {1}")
    @CsvSource(delimiter = '|', value = {
        "kWh | m3",
        "m3  | Wh",
        "MWh | W",
        "m3  | m3/h",
        "L   | Wh",
    })
    void energyAndVolumeUnitsDoNotMix(String from, String to) {
        assertThatThrownBy(() -> Units.convert(1, from, to))
                .isInstanceOf(Units.UnitException.class).hasMessageContaining("does not convert to " + to);
    }

    @Test
    void normalisesSpellingsToUcum() {
        assertThat(Units.normalise("KWH")).isEqualTo("kWh");
        assertThat(Units.normalise("m³")).isEqualTo("m3");
        assertThat(Units.normalise("W/m²")).isEqualTo("W/m2");
        assertThat(Units.isKnown("MW")).isTrue();
        assertThat(Units.isKnown("parsec")).isFalse();
    }
}
