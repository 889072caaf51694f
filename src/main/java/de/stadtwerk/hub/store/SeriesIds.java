package de.stadtwerk.hub.store;

/**
 * Series ids: {@code <assetId>.<quantity>} or {@code <assetId>.<quantity>.<qualifier>}, e.g.
 * {@code m-00042.energy_import.1-0:1.8.0} or {@code pump-1.volume_flow}.
 */
public final class SeriesIds {

    private SeriesIds() {
    }

    public static String of(String assetId, String quantity, String qualifier) {
        String base = assetId + "." + quantity;
        return qualifier == null || qualifier.isBlank() ? base : base + "." + qualifier;
    }

    /** The qualifier part of a series id built by {@link #of}, or null when it has none or is not of that form. */
    public static String qualifierOf(String seriesId, String assetId, String quantity) {
        String base = assetId + "." + quantity;
        if (seriesId != null && seriesId.startsWith(base + ".") && seriesId.length() > base.length() + 1) {
            return seriesId.substring(base.length() + 1);
        }
        return null;
    }
}
