package de.stadtwerk.hub.parse.mastr;

import de.stadtwerk.hub.model.Asset;
import java.time.LocalDate;
import java.util.Map;

/**
 * A generating unit from the Marktstammdatenregister, as an {@link Asset} plus the register facts the asset record
 * has no field for.
 *
 * @param asset             the asset: id {@code mastr-<EinheitMastrNummer>}, kind {@code pv_plant} or
 *                          {@code wind_turbine}, rated power in W, externalIds {@code mastr}
 * @param place             {@code Ort}, or null
 * @param grossPowerW       {@code Bruttoleistung} in W (PV: module peak power), or null
 * @param netRatedPowerW    {@code Nettonennleistung} in W (PV: inverter-limited), or null
 * @param commissioningDate {@code Inbetriebnahmedatum}, or null (planned units)
 * @param hubHeightM        {@code Nabenhoehe} in m (wind only), or null
 * @param operatingStatus   {@code EinheitBetriebsstatus} catalogue code, e.g. {@code 35}, or null
 */
public record MastrUnit(Asset asset, String place, Double grossPowerW, Double netRatedPowerW,
                        LocalDate commissioningDate, Double hubHeightM, String operatingStatus) {

    /** Catalogue values of {@code EinheitBetriebsstatus} in the public export. */
    public static final Map<String, String> STATUS_LABELS = Map.of(
            "31", "In Planung",
            "35", "In Betrieb",
            "37", "Vorübergehend stillgelegt",
            "38", "Endgültig stillgelegt");

    /** The MaStR number, e.g. {@code SEE912345678901}. */
    public String mastrNumber() {
        return asset.externalIds().get("mastr");
    }

    /** Whether the unit is in operation (status 35). */
    public boolean inOperation() {
        return "35".equals(operatingStatus);
    }

    /** The German label of the operating status, or the raw code if unknown. */
    public String operatingStatusLabel() {
        return operatingStatus == null ? null : STATUS_LABELS.getOrDefault(operatingStatus, operatingStatus);
    }
}
