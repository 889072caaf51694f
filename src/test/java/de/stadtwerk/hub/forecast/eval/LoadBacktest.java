package de.stadtwerk.hub.forecast.eval;

import de.stadtwerk.hub.forecast.LoadInterval;
import de.stadtwerk.hub.forecast.LoadMixCalibration;
import de.stadtwerk.hub.forecast.LoadProfileId;
import de.stadtwerk.hub.forecast.StandardLoadModel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Load forecast for the backtest: BDEW H0 (dynamised) and G0 for each UTC hour, with nationwide holidays, mixed to
 * the measured grid load by a {@link LoadMixCalibration} fitted on the days before the forecast day.
 */
final class LoadBacktest {

    private static final LoadProfileId[] PROFILES = java.util.Arrays.stream(
            System.getProperty("eval.load.profiles", "H0,G0,G1,G2,G3,G4,G5,G6,L0").split(",")).map(LoadProfileId::valueOf)
            .toArray(LoadProfileId[]::new);

    private LoadBacktest() {
    }

    static double[] run(EvalYear year, int windowDays) {
        StandardLoadModel slp = StandardLoadModel.forState(null);
        LoadMixCalibration cal = new LoadMixCalibration(windowDays);
        int n = year.load().length;
        double[][] features = new double[n][];
        for (int d = 0; d < year.dayCount(); d++) {
            var first = year.weather().get(d * 24);
            var last = year.weather().get(d * 24 + 23);
            List<List<LoadInterval>> perProfile = new ArrayList<>();
            for (LoadProfileId p : PROFILES) {
                perProfile.add(slp.hourly(first.start(), last.end(), p, 1000.0));
            }
            for (int h = 0; h < 24; h++) {
                double[] f = new double[PROFILES.length];
                for (int k = 0; k < PROFILES.length; k++) {
                    f[k] = perProfile.get(k).get(h).watts();
                }
                features[d * 24 + h] = f;
            }
        }
        double[] forecast = new double[n];
        List<LoadMixCalibration.Sample> history = new ArrayList<>();
        for (int d = 0; d < year.dayCount(); d++) {
            LocalDate day = year.days().get(d);
            double[] c = cal.fit(history, day);
            for (int h = 0; h < 24; h++) {
                int i = d * 24 + h;
                forecast[i] = c == null ? Double.NaN : LoadMixCalibration.predict(c, features[i]);
            }
            for (int h = 0; h < 24; h++) {
                int i = d * 24 + h;
                history.add(new LoadMixCalibration.Sample(day, features[i], year.load()[i]));
            }
        }
        return forecast;
    }
}
