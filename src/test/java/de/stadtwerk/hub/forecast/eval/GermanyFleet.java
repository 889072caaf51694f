package de.stadtwerk.hub.forecast.eval;

import de.stadtwerk.hub.forecast.PvSystem;
import java.util.List;

/**
 * The German fleet as the evaluation models it: installed capacity at the start of 2022 (Bundesnetzagentur /
 * MaStR, rounded: PV about 59 GW, onshore wind about 56 GW) and the PV capacity spread over six regional points
 * roughly by the states' shares (south-heavy). The calibration corrects the level; these only set the shape.
 */
final class GermanyFleet {

    static final double PV_W = 59e9;
    static final double WIND_ONSHORE_W = 56e9;

    private GermanyFleet() {
    }

    static List<PvSystem> pvSites() {
        return List.of(
                PvSystem.typical("by", 48.8, 11.5, 0.28 * PV_W),
                PvSystem.typical("bw", 48.7, 9.0, 0.15 * PV_W),
                PvSystem.typical("nw", 51.5, 7.4, 0.14 * PV_W),
                PvSystem.typical("ni", 52.6, 9.5, 0.14 * PV_W),
                PvSystem.typical("east", 52.2, 13.0, 0.19 * PV_W),
                PvSystem.typical("centre", 50.6, 10.2, 0.10 * PV_W));
    }
}
