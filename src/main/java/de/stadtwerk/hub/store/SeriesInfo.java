package de.stadtwerk.hub.store;

/**
 * A row of the {@code series} table.
 *
 * @param id        series id ({@code <asset>.<quantity>[.<qualifier>]})
 * @param assetId   the asset it belongs to
 * @param quantity  quantity code
 * @param unit      canonical unit
 * @param qualifier OBIS code, direction …, or null
 */
public record SeriesInfo(String id, String assetId, String quantity, String unit, String qualifier) {
}
