package de.stadtwerk.hub.forecast.eval;

import de.stadtwerk.hub.forecast.Calibration;
import de.stadtwerk.hub.forecast.CalibrationSample;
import de.stadtwerk.hub.forecast.RollingCalibration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The protocol: for each day, the 24 hours are forecast from that day's raw model output (its weather only) and a
 * calibration fitted on earlier days only; the measured values of the day join the history after the day is scored.
 */
final class DayAheadBacktest {

    private DayAheadBacktest() {
    }

    /** Calibrated forecast per hour of the year; day 0 uses the prior calibration. */
    static double[] run(List<LocalDate> days, double[] raw, double[] actual, RollingCalibration calibration) {
        double[] forecast = new double[raw.length];
        List<CalibrationSample> history = new ArrayList<>();
        for (int d = 0; d < days.size(); d++) {
            LocalDate day = days.get(d);
            Calibration cal = calibration.fit(history, day);
            for (int h = 0; h < 24; h++) {
                forecast[d * 24 + h] = Math.max(0, cal.apply(h, raw[d * 24 + h]));
            }
            // only now, after the day is forecast, its measurements become history for later days
            for (int h = 0; h < 24; h++) {
                history.add(new CalibrationSample(day, h, raw[d * 24 + h], actual[d * 24 + h]));
            }
        }
        return forecast;
    }

    /** Same hour of the previous day; NaN for the first day. */
    static double[] persistence(double[] actual) {
        double[] p = new double[actual.length];
        for (int i = 0; i < actual.length; i++) {
            p[i] = i < 24 ? Double.NaN : actual[i - 24];
        }
        return p;
    }
}
