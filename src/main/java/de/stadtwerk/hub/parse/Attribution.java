package de.stadtwerk.hub.parse;

/**
 * Attribution and licence of an open-data provider, to be kept with every series taken from it (as series
 * metadata, in exports, on the console). The texts are the ones the providers ask for.
 *
 * @param provider    who publishes the data
 * @param text        the attribution line to show next to the data
 * @param licenceId   short licence id (SPDX where there is one)
 * @param licenceUrl  where the licence text is
 */
public record Attribution(String provider, String text, String licenceId, String licenceUrl) {

    /** Deutscher Wetterdienst open data (MOSMIX, CDC observations). */
    public static final Attribution DWD = new Attribution("Deutscher Wetterdienst",
            "Datenbasis: Deutscher Wetterdienst", "CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/");

    /** SMARD chart data of the Bundesnetzagentur. */
    public static final Attribution SMARD = new Attribution("Bundesnetzagentur",
            "Bundesnetzagentur | SMARD.de", "CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/");

    /** Open-Meteo forecast and historical weather APIs. */
    public static final Attribution OPEN_METEO = new Attribution("Open-Meteo",
            "Weather data by Open-Meteo.com", "CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/");

    /** Marktstammdatenregister public export (Bundesnetzagentur). */
    public static final Attribution MASTR = new Attribution("Bundesnetzagentur",
            "Marktstammdatenregister der Bundesnetzagentur (www.marktstammdatenregister.de)", "DL-DE-BY-2.0",
            "https://www.govdata.de/dl-de/by-2-0");

    /** The attribution followed by the licence, e.g. {@code Datenbasis: Deutscher Wetterdienst (CC-BY-4.0)}. */
    public String line() {
        return text + " (" + licenceId + ")";
    }
}
