package de.stadtwerk.hub.forecast;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One issue of the Energiewetter: the signal of every area, computed at {@code issuedAt} for [from, to), with the
 * inputs it was made from.
 *
 * @param issuedAt    when it was computed
 * @param from        start of the first hour asked for (the current hour)
 * @param to          end of the horizon
 * @param weather     the weather run used (empty when there was none)
 * @param areas       the areas, the whole area first
 * @param signals     the signal by area id (empty when there was no weather)
 * @param load        how the load of the whole area was obtained
 * @param calibration the correction learnt from measured feed-in
 */
public record EnergiewetterIssue(Instant issuedAt, Instant from, Instant to, WeatherRun weather,
                                 List<EnergiewetterArea> areas, Map<String, EnergiewetterSignal> signals,
                                 AreaLoad.Estimate load, FeedInCalibrator.Correction calibration) {

    public EnergiewetterIssue {
        areas = List.copyOf(areas);
        signals = Map.copyOf(signals);
    }

    /** Whether there was weather to compute a signal from. */
    public boolean hasSignal() {
        return !signals.isEmpty();
    }

    /** The area with that id, or null. */
    public EnergiewetterArea area(String id) {
        return areas.stream().filter(a -> a.id().equals(id)).findFirst().orElse(null);
    }
}
