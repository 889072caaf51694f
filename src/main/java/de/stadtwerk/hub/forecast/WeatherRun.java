package de.stadtwerk.hub.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The weather a signal was computed from.
 *
 * @param asset    weather asset (e.g. {@code dwd-10315})
 * @param model    forecast model (e.g. {@code DWD MOSMIX_L}), null when there is no weather
 * @param issuedAt issue time of the run, null when there is no weather
 * @param source   lineage of the values (the route that brought them in)
 * @param replayed whether a recorded run was shifted in time to stand for now (replay mode only)
 * @param shift    how far it was shifted (zero unless replayed)
 * @param hours    the hours, in time order
 */
public record WeatherRun(String asset, String model, Instant issuedAt, String source, boolean replayed, Duration shift,
                         List<WeatherHour> hours) {

    public WeatherRun {
        hours = List.copyOf(hours);
    }

    /** No weather at all for the asset. */
    public static WeatherRun none(String asset) {
        return new WeatherRun(asset, null, null, null, false, Duration.ZERO, List.of());
    }

    public boolean isEmpty() {
        return hours.isEmpty();
    }
}
