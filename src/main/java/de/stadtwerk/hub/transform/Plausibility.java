package de.stadtwerk.hub.transform;

import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Plausibility of a canonical observation: a finite value within the range of its quantity, a start that is not
 * before {@code earliest} nor more than {@code maxFuture} after now, and an end not before the start.
 * {@link #check} returns the reason when it fails (the value goes to the quarantine), or null.
 *
 * <p>Two ranges per quantity: the physical one of {@link Quantity} and the configured one
 * ({@code hub.plausibility.ranges}, by default the physical one). A value outside both is physically impossible
 * (a mapping or unit error) and fails; a value outside the configured range but inside the physical one is possible,
 * only implausible for the installation: it passes and {@link #rangeFlag} says why it is stored {@code SUSPECT}.
 */
public final class Plausibility {

    /** A value range [min, max] in the canonical unit. */
    public record Range(double min, double max) {
        public boolean contains(double v) {
            return v >= min && v <= max;
        }
    }

    private final Map<Quantity, Range> ranges = new EnumMap<>(Quantity.class);
    private final Duration maxFuture;
    private final Instant earliest;

    public Plausibility(Duration maxFuture, Instant earliest, Map<Quantity, Range> overrides) {
        for (Quantity q : Quantity.values()) {
            ranges.put(q, new Range(q.plausibleMin(), q.plausibleMax()));
        }
        ranges.putAll(overrides);
        this.maxFuture = maxFuture;
        this.earliest = earliest;
    }

    /** Default limits: at most one day ahead, nothing before 1990. */
    public static Plausibility defaults() {
        return new Plausibility(Duration.ofDays(1), Instant.parse("1990-01-01T00:00:00Z"), Map.of());
    }

    /**
     * Parses range overrides such as {@code temperature=-40..60;level=0..25}.
     *
     * @throws IllegalArgumentException naming the faulty entry
     */
    public static Map<Quantity, Range> parseRanges(String text) {
        Map<Quantity, Range> result = new EnumMap<>(Quantity.class);
        if (text == null || text.isBlank()) {
            return result;
        }
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] kv = entry.split("=", 2);
            String[] mm = kv.length == 2 ? kv[1].split("\\.\\.", 2) : new String[0];
            if (mm.length != 2) {
                throw new IllegalArgumentException("hub.plausibility.ranges: '" + entry.trim()
                        + "' is not of the form quantity=min..max");
            }
            try {
                result.put(Quantity.ofCode(kv[0]), new Range(Double.parseDouble(mm[0].trim()), Double.parseDouble(mm[1].trim())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("hub.plausibility.ranges: '" + entry.trim() + "' has a bad number", e);
            }
        }
        return result;
    }

    /** The reason the observation is implausible, or null when it is plausible. */
    public String check(Observation o, Quantity quantity, Instant now) {
        double v = o.value();
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "value is " + v + ", not a finite number";
        }
        Range r = ranges.get(quantity);
        if (!r.contains(v) && !(v >= quantity.plausibleMin() && v <= quantity.plausibleMax())) {
            return "value " + v + " " + o.unit() + " is outside the plausible range of " + quantity.code()
                    + " [" + Math.min(r.min(), quantity.plausibleMin()) + ", " + Math.max(r.max(), quantity.plausibleMax())
                    + "]";
        }
        if (o.start().isBefore(earliest)) {
            return "start " + o.start() + " is before the earliest plausible time " + earliest;
        }
        if (o.start().isAfter(now.plus(maxFuture))) {
            return "start " + o.start() + " is more than " + maxFuture + " in the future";
        }
        if (o.end().isBefore(o.start())) {
            return "end " + o.end() + " is before start " + o.start();
        }
        return null;
    }

    /**
     * Why a value that passed {@link #check} is still questionable: outside the configured range of its quantity
     * (but physically possible); null when it is inside.
     */
    public String rangeFlag(Observation o, Quantity quantity) {
        Range r = ranges.get(quantity);
        return r.contains(o.value()) ? null : "value " + o.value() + " " + o.unit() + " is outside the configured range of "
                + quantity.code() + " [" + r.min() + ", " + r.max() + "] (hub.plausibility.ranges)";
    }
}
