package de.stadtwerk.hub.transform;

import static org.assertj.core.api.Assertions.assertThat;

import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ObservationNormaliserTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static AssetRegistry assets;

    @BeforeAll
    static void loadAssets() {
        assets = new AssetRegistry(Path.of("config/assets.csv"));
        assets.reloadIfChanged();
    }

    private final ObservationNormaliser normaliser = new ObservationNormaliser(assets, Plausibility.defaults(), false);

    @Test
    void convertsUnitsDerivesSeriesIdAndSetsLineage() {
        Observation in = Observation.interval("m-00042", "energy_import", 1.25, "kWh",
                Instant.parse("2026-11-26T09:00:00Z"), Instant.parse("2026-11-26T09:15:00Z"));
        ObservationNormaliser.Outcome out = normaliser.normalise(in, "test-source", NOW);
        assertThat(out.accepted()).isTrue();
        Observation o = out.observation();
        assertThat(o.value()).isEqualTo(1250.0);
        assertThat(o.unit()).isEqualTo("Wh");
        assertThat(o.seriesId()).isEqualTo("m-00042.energy_import");
        assertThat(o.source()).isEqualTo("test-source");
        assertThat(o.receivedAt()).isEqualTo(NOW);
        assertThat(o.quality()).isEqualTo(Quality.MEASURED);
    }

    @Test
    void enrichesAForeignIdFromTheMasterData() {
        Observation in = Observation.of("malo:51481308448", "active_power", 3.2, "kW", NOW);
        Observation o = normaliser.normalise(in, "s", NOW).observation();
        assertThat(o.assetId()).isEqualTo("m-00042");
        assertThat(o.value()).isEqualTo(3200.0);
    }

    @Test
    void keepsAGivenSeriesIdAndAMissingUnitMeansCanonical() {
        Observation in = new Observation("ws-1.temperature.2m", "ws-1", "temperature", 4.5, null, NOW, NOW, null, null, null);
        Observation o = normaliser.normalise(in, "s", NOW).observation();
        assertThat(o.seriesId()).isEqualTo("ws-1.temperature.2m");
        assertThat(o.unit()).isEqualTo("Cel");
    }

    @Test
    void aValueOutsideTheConfiguredRangeIsStoredSuspectAndAnImpossibleOneRejected() {
        ObservationNormaliser site = new ObservationNormaliser(assets, new Plausibility(java.time.Duration.ofDays(1),
                Instant.EPOCH, Plausibility.parseRanges("temperature=-40..60")), false);
        ObservationNormaliser.Outcome hot = site.normalise(Observation.of("ws-1", "temperature", 65, "Cel", NOW), "s", NOW);
        assertThat(hot.accepted()).isTrue();
        assertThat(hot.observation().quality()).isEqualTo(Quality.SUSPECT);
        assertThat(hot.flag()).contains("outside the configured range of temperature");
        ObservationNormaliser.Outcome ok = site.normalise(Observation.of("ws-1", "temperature", 21, "Cel", NOW), "s", NOW);
        assertThat(ok.observation().quality()).isEqualTo(Quality.MEASURED);
        assertThat(ok.flag()).isNull();
        assertThat(site.normalise(Observation.of("ws-1", "temperature", 2000, "Cel", NOW), "s", NOW).rejection())
                .startsWith("implausible: value 2000.0 Cel is outside the plausible range");
        assertThat(site.normalise(Observation.of("m-1", "energy_import", -5, "kWh", NOW), "s", NOW).rejection())
                .contains("outside the plausible range of energy_import");
    }

    @Test
    void rejectsWithAReasonThatNamesTheField() {
        assertThat(normaliser.normalise(Observation.of(null, "temperature", 1, "Cel", NOW), "s", NOW).rejection())
                .isEqualTo("field assetId is missing");
        assertThat(normaliser.normalise(Observation.of("a", "warmth", 1, "Cel", NOW), "s", NOW).rejection())
                .contains("unknown quantity 'warmth'");
        assertThat(normaliser.normalise(Observation.of("a", "temperature", 1, "kWh", NOW), "s", NOW).rejection())
                .contains("field unit").contains("kWh does not convert to Cel");
        assertThat(normaliser.normalise(Observation.of("a", "temperature", 1, "Cel", null), "s", NOW).rejection())
                .isEqualTo("field start is missing");
        assertThat(normaliser.normalise(Observation.of("a b\u0000", "temperature", 1, "Cel", NOW), "s", NOW).rejection())
                .contains("field assetId");
        assertThat(normaliser.normalise(Observation.of("a", "temperature", 5000, "Cel", NOW), "s", NOW).rejection())
                .startsWith("implausible: ");
    }

    @Test
    void unknownAssetsAreRejectedWhenConfigured() {
        ObservationNormaliser strict = new ObservationNormaliser(assets, Plausibility.defaults(), true);
        assertThat(strict.normalise(Observation.of("nobody", "temperature", 1, "Cel", NOW), "s", NOW).rejection())
                .contains("'nobody' is not in the master data");
        assertThat(strict.normalise(Observation.of("pump-1", "volume_flow", 12, "m3/h", NOW), "s", NOW).accepted()).isTrue();
    }
}
