package de.stadtwerk.hub.forecast;

import de.stadtwerk.hub.model.Asset;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * An area the signal is made for: the utility's whole area, or one district or postcode of its plants.
 *
 * @param id        id used in the API ({@code ?area=}) and in series ids: lower case, {@code [a-z0-9-]}
 * @param name      display name
 * @param pv        PV plants in the area
 * @param wind      wind turbines in the area
 * @param loadShare share of the whole area's load that falls into this area (1 for the whole area)
 * @param mastrPlants ids of the plants that carry a Marktstammdatenregister number (external id {@code mastr})
 */
public record EnergiewetterArea(String id, String name, List<PvSystem> pv, List<WindTurbine> wind, double loadShare,
                                List<String> mastrPlants) {

    public static final String PV_KIND = "pv_plant";
    public static final String WIND_KIND = "wind_turbine";

    public EnergiewetterArea {
        pv = List.copyOf(pv);
        wind = List.copyOf(wind);
        mastrPlants = List.copyOf(mastrPlants);
    }

    /** Installed PV and wind power, W. */
    public double ratedPowerW() {
        return pv.stream().mapToDouble(PvSystem::ratedPowerW).sum() + wind.stream().mapToDouble(WindTurbine::ratedPowerW).sum();
    }

    /** The plant ids counted, PV first. */
    public List<String> plantIds() {
        List<String> ids = new ArrayList<>();
        pv.forEach(p -> ids.add(p.id()));
        wind.forEach(w -> ids.add(w.id()));
        return ids;
    }

    /**
     * The whole area and one area per district and per postcode that has plants. A sub-area's share of the load is
     * the configured one ({@code shares}, keyed by area id), else its share of the installed power.
     *
     * @param mainId     id of the whole area
     * @param mainName   its display name
     * @param assets     asset master data; plants are the assets of kind {@value #PV_KIND} / {@value #WIND_KIND} with
     *                   a rated power and a location
     * @param shares     configured load shares by area id
     * @param hubHeightM hub height assumed for the wind turbines
     */
    public static List<EnergiewetterArea> of(String mainId, String mainName, Collection<Asset> assets,
                                             Map<String, Double> shares, double hubHeightM) {
        List<Asset> plants = assets.stream().filter(a -> a.ratedPowerW() != null && a.ratedPowerW() > 0
                        && a.lat() != null && a.lon() != null && (PV_KIND.equals(a.kind()) || WIND_KIND.equals(a.kind())))
                .sorted(java.util.Comparator.comparing(Asset::id)).toList();
        List<EnergiewetterArea> result = new ArrayList<>();
        EnergiewetterArea main = area(mainId, mainName, plants, 1.0, hubHeightM);
        result.add(main);
        double total = main.ratedPowerW();
        for (Function<Asset, String> key : List.<Function<Asset, String>>of(Asset::district, Asset::postcode)) {
            Map<String, List<Asset>> groups = new LinkedHashMap<>();
            for (Asset a : plants) {
                String k = key.apply(a);
                if (k != null && !k.isBlank()) {
                    groups.computeIfAbsent(k.trim(), x -> new ArrayList<>()).add(a);
                }
            }
            groups.forEach((name, members) -> {
                String id = slug(name);
                if (id.equals(mainId) || result.stream().anyMatch(r -> r.id().equals(id))) {
                    return;
                }
                EnergiewetterArea sub = area(id, name, members, 0, hubHeightM);
                double share = shares.containsKey(id) ? shares.get(id) : total > 0 ? sub.ratedPowerW() / total : 0;
                result.add(new EnergiewetterArea(id, name, sub.pv(), sub.wind(), share, sub.mastrPlants()));
            });
        }
        return result;
    }

    private static EnergiewetterArea area(String id, String name, List<Asset> plants, double share, double hubHeightM) {
        List<PvSystem> pv = new ArrayList<>();
        List<WindTurbine> wind = new ArrayList<>();
        List<String> mastr = new ArrayList<>();
        for (Asset a : plants) {
            if (a.externalIds().containsKey("mastr")) {
                mastr.add(a.id());
            }
            if (PV_KIND.equals(a.kind())) {
                pv.add(PvSystem.typical(a.id(), a.lat(), a.lon(), a.ratedPowerW()));
            } else {
                wind.add(WindTurbine.typical(a.id(), a.ratedPowerW(), hubHeightM));
            }
        }
        return new EnergiewetterArea(id, name, pv, wind, share, mastr);
    }

    /** An id from a name: lower case, umlauts spelt out, anything else than a-z, 0-9 becomes '-'. */
    public static String slug(String name) {
        String s = name.trim().toLowerCase(Locale.ROOT).replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
                .replace("ß", "ss");
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        s = s.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "area" : s;
    }
}
