package de.stadtwerk.hub.transform;

import de.stadtwerk.hub.model.Quantity;

/**
 * Maps electricity OBIS codes to the quantity vocabulary. The series qualifier is the normalised OBIS code,
 * so tariff registers (1.8.1, 1.8.2) and channels (1-1:…, 1-2:…) become series of their own.
 *
 * <p>Supported (medium 1, any channel, any tariff): C 1/2 with D 8 (energy register import/export),
 * D 29 (energy per load-profile interval), D 7 (instantaneous power), D 4/5/6 (demand averages and maxima);
 * C 15/16 with D 7/8 (absolute and net sums); C 3/4 D 7 (reactive power); voltage (C 32/52/72, D 7),
 * current (C 31/51/71, D 7), frequency (C 14, D 7).
 */
public final class ObisMapping {

    /** Where an OBIS code lands in the model. */
    public record Target(Quantity quantity, String qualifier, ObisCode code) {
        public String canonicalUnit() {
            return quantity.canonicalUnit();
        }
    }

    /** Codes already mapped (every MQTT reading names one; a meter fleet uses a handful): text → target. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Target> MAPPED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAPPED_MAX = 4096;

    private ObisMapping() {
    }

    /** Maps the code text; throws {@link IllegalArgumentException} for an unknown or non-electricity code. */
    public static Target map(String obis) {
        Target known = obis == null ? null : MAPPED.get(obis);
        if (known != null) {
            return known;
        }
        Target target = parseAndMap(obis);
        if (MAPPED.size() < MAPPED_MAX) {
            MAPPED.put(obis, target);
        }
        return target;
    }

    private static Target parseAndMap(String obis) {
        ObisCode code = ObisCode.parse(obis);
        if (code.medium() != 1) {
            throw new IllegalArgumentException("OBIS code " + obis + " is not for electricity (medium " + code.medium() + ")");
        }
        Quantity q = quantityOf(code);
        if (q == null) {
            throw new IllegalArgumentException("OBIS code " + obis + " (" + code.c() + "." + code.d()
                    + ") has no mapping to a quantity");
        }
        return new Target(q, code.toString(), code);
    }

    private static Quantity quantityOf(ObisCode code) {
        int c = code.c();
        int d = code.d();
        boolean energy = d == 8 || d == 29 || d == 9 || d == 10;
        boolean power = d == 7 || d == 4 || d == 5 || d == 6 || d == 24 || d == 25;
        return switch (c) {
            case 1 -> energy ? Quantity.ENERGY_IMPORT : power ? Quantity.ACTIVE_POWER : null;
            case 2 -> energy ? Quantity.ENERGY_EXPORT : power ? Quantity.ACTIVE_POWER : null;
            case 15, 16 -> energy ? Quantity.ENERGY : power ? Quantity.ACTIVE_POWER : null;
            case 3, 4 -> d == 7 ? Quantity.REACTIVE_POWER : null;
            case 32, 52, 72, 12 -> d == 7 ? Quantity.VOLTAGE : null;
            case 31, 51, 71, 11 -> d == 7 ? Quantity.CURRENT : null;
            case 14 -> d == 7 ? Quantity.FREQUENCY : null;
            default -> null;
        };
    }
}
