package de.stadtwerk.hub.parse.openmeteo;

/**
 * The site an Open-Meteo request was made for: the caller's asset and the coordinates it asked for.
 *
 * @param assetId the asset the values belong to (a weather point, a PV plant, a wind farm)
 * @param lat     requested latitude (WGS84)
 * @param lon     requested longitude (WGS84)
 */
public record OpenMeteoSite(String assetId, double lat, double lon) {
}
