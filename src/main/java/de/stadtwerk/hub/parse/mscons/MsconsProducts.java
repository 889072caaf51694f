package de.stadtwerk.hub.parse.mscons;

import de.stadtwerk.hub.model.Quantity;
import de.stadtwerk.hub.transform.ObisMapping;

/**
 * What a PIA product identification ({@code PIA+5+<id>:<code list>}) measures. OBIS codes (code list
 * {@code SRW}, or any id that reads as OBIS) go through {@link ObisMapping}; the EDI@Energy article id
 * {@code AUA} (Ausfallarbeit, redispatch 2.0, code list {@code Z08}) is an energy quantity with qualifier
 * {@code AUA}.
 */
final class MsconsProducts {

    /** Quantity and series qualifier of a product, and the unit assumed when QTY names none. */
    record Product(Quantity quantity, String qualifier, String defaultUnit) {
    }

    private MsconsProducts() {
    }

    static Product of(String id, String codeList) {
        if (id.isBlank()) {
            throw new IllegalArgumentException("PIA has no product id");
        }
        if ("AUA".equals(id)) {
            return new Product(Quantity.ENERGY, "AUA", "kWh");
        }
        ObisMapping.Target t = ObisMapping.map(id);
        return new Product(t.quantity(), t.qualifier(), defaultUnit(t.quantity()));
    }

    private static String defaultUnit(Quantity q) {
        return switch (q) {
            case ENERGY, ENERGY_IMPORT, ENERGY_EXPORT -> "kWh";
            case ACTIVE_POWER -> "kW";
            case REACTIVE_POWER -> "kvar";
            default -> q.canonicalUnit();
        };
    }
}
