package de.stadtwerk.hub.publish.bo4e;

import de.stadtwerk.hub.model.Quality;
import de.stadtwerk.hub.transform.ObisCode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Maps a series of the store to the business objects of BO4E (bo4e.de, schema version {@value #VERSION}), the
 * German energy industry's open data model: a {@code Lastgang} (a load curve: one Zeitreihenwert per interval with
 * status) and an {@code Energiemenge} (energy per period at a market or metering location: one Verbrauch per
 * interval). Plain Java; the partner API writes the maps as JSON.
 *
 * <p>Units: the store's canonical UCUM units become BO4E Mengeneinheiten the energy trade uses: {@code Wh} is
 * published as {@code KWH}, {@code W} as {@code KW} (values divided by 1000); {@code kWh}, {@code MWh}, {@code kW},
 * {@code MW} and {@code m3} map directly. A series in another unit (temperature, irradiance, prices …) has no BO4E
 * form and is refused with a clear message. Quality maps to Messwertstatus (see {@link #status}).
 */
public final class Bo4e {

    /** The BO4E schema version the documents follow. */
    public static final String VERSION = "v202501.0.0";

    /** A series as BO4E needs it: ids, quantity, unit, OBIS qualifier, and the location ids of its asset. */
    public record Series(String id, String assetId, String quantity, String unit, String qualifier,
                         String marktlokationsId, String messlokationsId) {
    }

    /** One value: interval, number, quality (null for aggregated values, which have no status). */
    public record Value(Instant start, Instant end, double value, Quality quality) {
    }

    /** A BO4E Mengeneinheit and the factor from the store's unit to it. */
    public record Unit(String mengeneinheit, double factor, boolean energy) {
    }

    private Bo4e() {
    }

    /** The Mengeneinheit of a UCUM unit of the store; empty when BO4E has none for it. */
    public static Optional<Unit> unit(String ucum) {
        if (ucum == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (ucum) {
            case "Wh" -> new Unit("KWH", 0.001, true);
            case "kWh" -> new Unit("KWH", 1, true);
            case "MWh" -> new Unit("MWH", 1, true);
            case "W" -> new Unit("KW", 0.001, false);
            case "kW" -> new Unit("KW", 1, false);
            case "MW" -> new Unit("MW", 1, false);
            case "m3" -> new Unit("KUBIKMETER", 1, false);
            default -> null;
        });
    }

    /**
     * BO4E Messwertstatus of a quality: MEASURED → ABGELESEN, ESTIMATED → VORSCHLAGSWERT, SUBSTITUTED → ERSATZWERT,
     * FORECAST → PROGNOSEWERT, SUSPECT → VORLAEUFIGERWERT, INVALID → NICHT_VERWENDBAR; null (aggregated) → null.
     */
    public static String status(Quality quality) {
        if (quality == null) {
            return null;
        }
        return switch (quality) {
            case MEASURED -> "ABGELESEN";
            case ESTIMATED -> "VORSCHLAGSWERT";
            case SUBSTITUTED -> "ERSATZWERT";
            case FORECAST -> "PROGNOSEWERT";
            case SUSPECT -> "VORLAEUFIGERWERT";
            case INVALID -> "NICHT_VERWENDBAR";
        };
    }

    /** The Sparte of a series: by the OBIS medium of its qualifier, else by quantity (m3 → WASSER, else STROM). */
    public static String sparte(Series s) {
        Optional<ObisCode> obis = obis(s.qualifier());
        if (obis.isPresent()) {
            return switch (obis.get().medium()) {
                case 6 -> "FERNWAERME";
                case 7 -> "GAS";
                case 8, 9 -> "WASSER";
                default -> "STROM";
            };
        }
        return "m3".equals(s.unit()) ? "WASSER" : "STROM";
    }

    /**
     * A Lastgang of the values. {@code interval} is the regular interval (the resolution, or the interval of raw
     * values when they all have the same); null leaves zeitIntervallLaenge out.
     *
     * @throws IllegalArgumentException when the series' unit has no BO4E Mengeneinheit
     */
    public static Map<String, Object> lastgang(Series s, List<Value> values, Duration interval,
                                               Function<Instant, String> time) {
        Unit unit = unitOf(s, "Lastgang");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("_typ", "LASTGANG");
        doc.put("_version", VERSION);
        doc.put("_id", s.id());
        doc.put("sparte", sparte(s));
        if (s.marktlokationsId() != null) {
            doc.put("marktlokation", Map.of("_typ", "MARKTLOKATION", "marktlokationsId", s.marktlokationsId()));
        }
        doc.put("messlokation", Map.of("_typ", "MESSLOKATION",
                "messlokationsId", s.messlokationsId() != null ? s.messlokationsId() : s.assetId()));
        doc.put("messgroesse", unit.mengeneinheit());
        obis(s.qualifier()).ifPresent(o -> doc.put("obisKennzahl", o.toString()));
        if (interval != null) {
            doc.put("zeitIntervallLaenge", intervalLength(interval));
        }
        List<Map<String, Object>> werte = new ArrayList<>(values.size());
        for (Value v : values) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("_typ", "ZEITREIHENWERT");
            w.put("zeitraum", Map.of("_typ", "ZEITRAUM", "startdatum", time.apply(v.start()), "enddatum",
                    time.apply(v.end())));
            w.put("wert", scaled(v.value(), unit));
            String status = status(v.quality());
            if (status != null) {
                w.put("status", status);
            }
            werte.add(w);
        }
        doc.put("werte", werte);
        return doc;
    }

    /**
     * An Energiemenge of the values: one Verbrauch per interval, at the market location when the asset has one,
     * else at its metering location (or the asset id).
     *
     * @throws IllegalArgumentException when the series is not an energy series (Wh, kWh, MWh)
     */
    public static Map<String, Object> energiemenge(Series s, List<Value> values, Function<Instant, String> time) {
        Unit unit = unitOf(s, "Energiemenge");
        if (!unit.energy()) {
            throw new IllegalArgumentException("an Energiemenge needs an energy series (Wh, kWh or MWh); series '"
                    + s.id() + "' is in " + s.unit() + " (ask for format=bo4e-lastgang)");
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("_typ", "ENERGIEMENGE");
        doc.put("_version", VERSION);
        doc.put("_id", s.id());
        boolean malo = s.marktlokationsId() != null;
        doc.put("lokationsId", malo ? s.marktlokationsId() : s.messlokationsId() != null ? s.messlokationsId() : s.assetId());
        doc.put("lokationstyp", malo ? "MALO" : "MELO");
        String obis = obis(s.qualifier()).map(ObisCode::toString).orElse(null);
        List<Map<String, Object>> verbrauch = new ArrayList<>(values.size());
        for (Value v : values) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("_typ", "VERBRAUCH");
            m.put("startdatum", time.apply(v.start()));
            m.put("enddatum", time.apply(v.end()));
            m.put("wertermittlungsverfahren", v.quality() == Quality.FORECAST ? "PROGNOSE" : "MESSUNG");
            if (obis != null) {
                m.put("obisKennzahl", obis);
            }
            m.put("wert", scaled(v.value(), unit));
            m.put("einheit", unit.mengeneinheit());
            verbrauch.add(m);
        }
        doc.put("energieverbrauch", verbrauch);
        return doc;
    }

    /** The interval all values share, or null when they differ (or there are none). */
    public static Duration regularInterval(List<Value> values) {
        Duration d = null;
        for (Value v : values) {
            Duration x = Duration.between(v.start(), v.end());
            if (d == null) {
                d = x;
            } else if (!d.equals(x)) {
                return null;
            }
        }
        return d == null || d.isZero() ? null : d;
    }

    static Map<String, Object> intervalLength(Duration interval) {
        long minutes = interval.toMinutes();
        Map<String, Object> menge = new LinkedHashMap<>();
        menge.put("_typ", "MENGE");
        if (minutes > 0 && minutes % 1440 == 0) {
            menge.put("wert", minutes / 1440);
            menge.put("einheit", "TAG");
        } else if (minutes > 0 && minutes % 60 == 0) {
            menge.put("wert", minutes / 60);
            menge.put("einheit", "STUNDE");
        } else if (minutes > 0 && interval.toSecondsPart() == 0) {
            menge.put("wert", minutes);
            menge.put("einheit", "MINUTE");
        } else {
            menge.put("wert", interval.toSeconds());
            menge.put("einheit", "SEKUNDE");
        }
        return menge;
    }

    private static Unit unitOf(Series s, String what) {
        return unit(s.unit()).orElseThrow(() -> new IllegalArgumentException("series '" + s.id() + "' is in "
                + s.unit() + ", which has no BO4E Mengeneinheit; a " + what + " is available for energy (Wh),"
                + " power (W) and volume (m3) series"));
    }

    private static double scaled(double value, Unit unit) {
        return unit.factor() == 1 ? value
                : new BigDecimal(Double.toString(value)).multiply(BigDecimal.valueOf(unit.factor())).doubleValue();
    }

    private static Optional<ObisCode> obis(String qualifier) {
        if (qualifier == null || qualifier.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ObisCode.parse(qualifier.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
