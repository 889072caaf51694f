package de.stadtwerk.hub.parse.smard;

import de.stadtwerk.hub.model.Quantity;
import java.util.List;

/**
 * A SMARD chart-data filter (the "module id" of smard.de) and how its values map to the unified model.
 *
 * @param id        the filter id in the URL, e.g. 4068
 * @param qualifier the series-id qualifier, e.g. {@code solar}
 * @param quantity  the quantity its values become
 * @param unit      the unit SMARD delivers; converted to the quantity's canonical unit
 * @param label     the German name on smard.de
 */
public record SmardFilter(int id, String qualifier, Quantity quantity, String unit, String label) {

    /** Realised generation, photovoltaics (MWh per interval). */
    public static final SmardFilter SOLAR = generation(4068, "solar", "Photovoltaik");
    /** Realised generation, wind onshore. */
    public static final SmardFilter WIND_ONSHORE = generation(4067, "wind_onshore", "Wind an Land");
    /** Realised generation, wind offshore. */
    public static final SmardFilter WIND_OFFSHORE = generation(1225, "wind_offshore", "Wind auf See");
    /** Realised generation, biomass. */
    public static final SmardFilter BIOMASS = generation(4066, "biomass", "Biomasse");
    /** Realised generation, hydro power. */
    public static final SmardFilter HYDRO = generation(1226, "hydro", "Wasserkraft");
    /** Realised consumption: grid load ("Stromverbrauch: Gesamt (Netzlast)"). */
    public static final SmardFilter GRID_LOAD = generation(410, "grid_load", "Stromverbrauch Gesamt (Netzlast)");
    /** Realised consumption: residual load. */
    public static final SmardFilter RESIDUAL_LOAD = generation(4359, "residual_load", "Residuallast");
    /** Day-ahead wholesale price for the bidding zone DE-LU, EUR/MWh (an hourly value, not summed). */
    public static final SmardFilter PRICE_DE_LU = new SmardFilter(4169, "day_ahead_de_lu", Quantity.PRICE, "EUR/MWh",
            "Marktpreis Deutschland/Luxemburg");

    /** The filters the hub knows by id. */
    public static final List<SmardFilter> KNOWN = List.of(SOLAR, WIND_ONSHORE, WIND_OFFSHORE, BIOMASS, HYDRO,
            GRID_LOAD, RESIDUAL_LOAD, PRICE_DE_LU);

    private static SmardFilter generation(int id, String qualifier, String label) {
        return new SmardFilter(id, qualifier, Quantity.ENERGY, "MWh", label);
    }

    /** The known filter of that id, or an energy filter (MWh) with qualifier {@code filter-<id>}. */
    public static SmardFilter of(int id) {
        return KNOWN.stream().filter(f -> f.id == id).findFirst()
                .orElseGet(() -> generation(id, "filter-" + id, "SMARD filter " + id));
    }
}
