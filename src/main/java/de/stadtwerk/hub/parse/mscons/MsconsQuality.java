package de.stadtwerk.hub.parse.mscons;

import de.stadtwerk.hub.model.Quality;
import java.util.Map;

/**
 * Quality of an MSCONS value from its QTY qualifier (DE 6063) and STS status (DE 9015 category). The table is
 * documented in {@code docs/formats-legacy.md}; when several apply, the worst one wins ({@link #worst}).
 */
final class MsconsQuality {

    private static final Map<String, Quality> QTY = Map.of(
            "220", Quality.MEASURED,     // Wahrer Wert (true value)
            "67", Quality.SUBSTITUTED,   // Ersatzwert (substitute value)
            "201", Quality.ESTIMATED,    // Vorschlagswert (proposed value)
            "20", Quality.INVALID,       // Nicht verwendbarer Wert (unusable value)
            "187", Quality.FORECAST,     // Prognosewert (forecast value)
            "79", Quality.MEASURED,      // Energiemenge summiert (summed true values)
            "Z18", Quality.ESTIMATED,    // vorläufiger Wert (preliminary value)
            "Z31", Quality.ESTIMATED);   // errechneter Wert (calculated value)

    private static final Map<String, Quality> STS = Map.of(
            "Z31", Quality.MEASURED,     // Gasqualität (gas quality note): no downgrade
            "Z32", Quality.SUBSTITUTED,  // Ersatzwertbildungsverfahren (substitution procedure)
            "Z33", Quality.SUSPECT,      // Plausibilisierungshinweis (plausibility note)
            "Z34", Quality.SUBSTITUTED,  // Korrekturgrund (correction reason)
            "Z40", Quality.SUBSTITUTED); // Grund der Ersatzwertbildung (substitution reason)

    private MsconsQuality() {
    }

    /** Quality of a QTY qualifier; throws naming the qualifier when it is unknown. */
    static Quality ofQtyQualifier(String qualifier) {
        Quality q = QTY.get(qualifier);
        if (q == null) {
            throw new IllegalArgumentException("unknown QTY qualifier '" + qualifier + "' (known: "
                    + QTY.keySet().stream().sorted().toList() + ")");
        }
        return q;
    }

    /** Quality an STS status category implies; an unknown category makes the value SUSPECT. */
    static Quality ofStatusCategory(String category) {
        return STS.getOrDefault(category, Quality.SUSPECT);
    }

    static Quality worst(Quality a, Quality b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
