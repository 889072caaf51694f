package de.stadtwerk.hub.embedded;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The signals of the embedded OPC UA simulator: a small waterworks (pump flow and pressure, reservoir level) and a
 * substation (transformer power) with plausible daily shapes in local time (Europe/Berlin), plus a little
 * deterministic noise. Plain functions of time, so that a test can check the shapes without a server.
 */
public final class SimulatedPlant {

    /** One simulated variable: its browse path below the namespace (also the string node id), unit and function. */
    public record Signal(String item, String unit, Shape shape) {
        public double valueAt(Instant t) {
            return shape.at(t);
        }
    }

    /** A value as a function of time. */
    @FunctionalInterface
    public interface Shape {
        double at(Instant t);
    }

    private static final ZoneId LOCAL = ZoneId.of("Europe/Berlin");

    /** Pump 1 flow into the network, m3/h: low at night, peaks around 07:00 and 19:00. */
    public static final String PUMP_FLOW = "Waterworks/Pump1/Flow";
    /** Pump 1 discharge pressure, bar: follows the flow. */
    public static final String PUMP_PRESSURE = "Waterworks/Pump1/Pressure";
    /** Reservoir 1 level, m: filled at night, drawn down during the day. */
    public static final String RESERVOIR_LEVEL = "Waterworks/Reservoir1/Level";
    /** Transformer 1 active power, kW: a household-dominated load with midday and evening peaks. */
    public static final String TRANSFORMER_POWER = "Substation1/Transformer1/ActivePower";

    private SimulatedPlant() {
    }

    /** All simulated signals. */
    public static List<Signal> signals() {
        return List.of(
                new Signal(PUMP_FLOW, "m3/h", t -> 120 + 260 * waterDemand(t) + noise(t, 1, 6)),
                new Signal(PUMP_PRESSURE, "bar", t -> 3.8 + 0.9 * waterDemand(t) + noise(t, 2, 0.05)),
                new Signal(RESERVOIR_LEVEL, "m", t -> 3.6 - 0.7 * Math.sin(2 * Math.PI * (hourOfDay(t) - 4) / 24) + noise(t, 3, 0.01)),
                new Signal(TRANSFORMER_POWER, "kW", t -> 1200 + 2600 * electricLoad(t) + noise(t, 4, 40)));
    }

    /** Relative water demand 0..1: night minimum about 03:00, morning peak about 07:00, evening peak about 19:00. */
    static double waterDemand(Instant t) {
        double h = hourOfDay(t);
        return 0.15 + 0.85 * Math.max(peak(h, 7.0, 1.5), 0.8 * peak(h, 19.0, 2.0)) + 0.25 * peak(h, 12.5, 2.5);
    }

    /** Relative electric load 0..1 (shape of the BDEW household profile): night low, midday and evening peaks. */
    static double electricLoad(Instant t) {
        double h = hourOfDay(t);
        return Math.min(1.0, 0.1 + 0.45 * peak(h, 12.0, 2.5) + 0.9 * peak(h, 19.0, 1.8) + 0.25 * peak(h, 7.5, 1.2));
    }

    private static double peak(double hour, double centre, double width) {
        double d = Math.abs(hour - centre);
        d = Math.min(d, 24 - d);
        return Math.exp(-(d * d) / (2 * width * width));
    }

    static double hourOfDay(Instant t) {
        ZonedDateTime z = t.atZone(LOCAL);
        return z.getHour() + z.getMinute() / 60.0 + z.getSecond() / 3600.0;
    }

    /** Deterministic noise in [-amplitude, amplitude], different per channel and second. */
    private static double noise(Instant t, int channel, double amplitude) {
        long x = t.getEpochSecond() * 0x9E3779B97F4A7C15L + channel * 0xBF58476D1CE4E5B9L;
        x ^= (x >>> 31);
        x *= 0x94D049BB133111EBL;
        x ^= (x >>> 29);
        return amplitude * (((x >>> 11) * 0x1.0p-53) * 2 - 1);
    }
}
