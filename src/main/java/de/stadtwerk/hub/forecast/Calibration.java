package de.stadtwerk.hub.forecast;

/** A correction of raw model output learnt from measured feed-in. */
@FunctionalInterface
public interface Calibration {

    /** The corrected value for a raw model value at the given hour of day. */
    double apply(int hourOfDay, double modelled);

    /** No correction. */
    static Calibration identity() {
        return (hour, modelled) -> modelled;
    }
}
