package de.stadtwerk.hub.forecast;

import java.time.LocalDate;

/**
 * One hour of a past day: what the model said for it (from that hour's weather) and what was measured.
 *
 * @param day       the day (in the calendar the forecast is made for)
 * @param hourOfDay 0..23
 * @param modelled  model output, W
 * @param measured  measured feed-in, W
 */
public record CalibrationSample(LocalDate day, int hourOfDay, double modelled, double measured) {
}
