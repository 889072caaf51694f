package de.stadtwerk.hub.publish.api;

import static org.assertj.core.api.Assertions.assertThat;

import de.stadtwerk.hub.model.Asset;
import de.stadtwerk.hub.store.SeriesInfo;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SelectionTest {

    static final Asset PV = new Asset("pv-1", "PV", "pv_plant", null, null, "Elberfeld", "42103", null, Map.of());
    static final Asset WIND = new Asset("wind-1", "Wind", "wind_turbine", null, null, "Nord", "42111", null, Map.of());
    static final SeriesInfo PV_POWER = new SeriesInfo("pv-1.active_power", "pv-1", "active_power", "W", null);
    static final SeriesInfo PV_ENERGY = new SeriesInfo("pv-1.energy_export", "pv-1", "energy_export", "Wh", null);
    static final SeriesInfo ORPHAN = new SeriesInfo("x-9.active_power", "x-9", "active_power", "W", null);

    static Selection of(Set<String> series, Set<String> assets, Set<String> kinds, Set<String> districts, Set<String> quantities) {
        return new Selection(series, assets, kinds, districts, Set.of(), quantities);
    }

    @Test
    void criteriaAreAndedAndValuesOred() {
        Selection pvInElberfeld = of(Set.of(), Set.of(), Set.of("pv_plant", "wind_turbine"), Set.of("Elberfeld"), Set.of("active_power"));
        assertThat(pvInElberfeld.covers(PV_POWER, PV)).isTrue();
        assertThat(pvInElberfeld.covers(PV_ENERGY, PV)).as("quantity not granted").isFalse();
        assertThat(pvInElberfeld.covers(new SeriesInfo("wind-1.active_power", "wind-1", "active_power", "W", null), WIND))
                .as("district not granted").isFalse();
        assertThat(pvInElberfeld.covers(PV)).isTrue();
        assertThat(pvInElberfeld.covers(WIND)).isFalse();
    }

    @Test
    void aSeriesOfAnUnknownAssetIsCoveredOnlyWithoutAssetAttributeCriteria() {
        assertThat(of(Set.of(), Set.of(), Set.of("pv_plant"), Set.of(), Set.of()).covers(ORPHAN, null)).isFalse();
        assertThat(of(Set.of(), Set.of("x-9"), Set.of(), Set.of(), Set.of()).covers(ORPHAN, null)).isTrue();
        assertThat(of(Set.of(), Set.of(), Set.of(), Set.of(), Set.of("active_power")).covers(ORPHAN, null)).isTrue();
    }

    @Test
    void aSeriesListCoversThoseSeriesAndTheirAssetsOnly() {
        Selection one = of(Set.of("pv-1.active_power"), Set.of(), Set.of(), Set.of(), Set.of());
        assertThat(one.covers(PV_POWER, PV)).isTrue();
        assertThat(one.covers(PV_ENERGY, PV)).isFalse();
        assertThat(one.covers(PV)).isTrue();
        assertThat(one.covers(WIND)).isFalse();
    }
}
