package de.stadtwerk.hub.forecast.eval;

import de.stadtwerk.hub.forecast.PowerCurve;
import de.stadtwerk.hub.forecast.PvModel;
import de.stadtwerk.hub.forecast.PvSystem;
import de.stadtwerk.hub.forecast.RollingCalibration;
import de.stadtwerk.hub.forecast.WeatherHour;
import de.stadtwerk.hub.forecast.WindModel;
import de.stadtwerk.hub.forecast.WindProfile;
import de.stadtwerk.hub.forecast.WindTurbine;
import de.stadtwerk.hub.forecast.WindCalibration;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Backtest of the Energiewetter PV and wind models on 2022 (Germany, SMARD + DWD station means). Run by
 * {@code bench/forecast-eval.sh}; the data directory is the first argument.
 */
public final class ForecastEvaluation {

    private ForecastEvaluation() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/forecast-eval");
        EvalYear year = EvalYear.load(dir);
        int n = year.weather().size();
        int from = 24; // the first day has no persistence and no calibration history

        double[] pvRaw = pvRaw(year.weather());
        double[] windRaw = windRaw(year.weather());
        RollingCalibration pvCal = new RollingCalibration(intProp("pv.window", 21), dblProp("pv.shrink", 1.0),
                intProp("pv.bins", 0), 1.0);
        RollingCalibration windCal = new RollingCalibration(intProp("wind.window", 28), dblProp("wind.shrink", 1.0),
                intProp("wind.bins", 0), 1.0);
        double[] pv = DayAheadBacktest.run(year.days(), pvRaw, year.solar(), pvCal);
        double[] wind = Boolean.getBoolean("eval.wind.powerSpace")
                ? DayAheadBacktest.run(year.days(), windRaw, year.wind(), windCal)
                : windBySpeedCalibration(year);
        double[] pvPers = DayAheadBacktest.persistence(year.solar());
        double[] windPers = DayAheadBacktest.persistence(year.wind());

        double pvSkill = report("PV", pv, pvPers, year.solar(), from, n);
        double windSkill = report("wind", wind, windPers, year.wind(), from, n);
        System.out.printf(Locale.ROOT, "PV skill=%.3f wind skill=%.3f level agreement=%.1f%%%n", pvSkill, windSkill, 0.0);
    }

    private static double report(String name, double[] model, double[] pers, double[] actual, int from, int to) {
        double peak = Scores.max(actual);
        double maeM = Scores.mae(model, actual, from, to);
        double maeP = Scores.mae(pers, actual, from, to);
        int half = 182 * 24;
        System.out.printf(Locale.ROOT, "%-5s peak %.0f MW  MAE model %.0f MW (%.2f%% of peak)  persistence %.0f MW (%.2f%%)"
                        + "  skill %.3f  [Jan-Jun %.3f, Jul-Dec %.3f]%n",
                name, peak, maeM, 100 * maeM / peak, maeP, 100 * maeP / peak, 1 - maeM / maeP,
                Scores.skill(model, pers, actual, from, half), Scores.skill(model, pers, actual, half, to));
        return 1 - maeM / maeP;
    }

    static double[] pvRaw(List<WeatherHour> weather) {
        List<PvSystem> sites = GermanyFleet.pvSites();
        PvModel model = new PvModel(dblProp("pv.overcast", 0.28));
        double[] raw = new double[weather.size()];
        for (int i = 0; i < raw.length; i++) {
            double sum = 0;
            for (PvSystem s : sites) {
                sum += model.power(s, weather.get(i));
            }
            raw[i] = sum / 1e6; // MW
        }
        return raw;
    }

    static WindTurbine windFleet() {
        return new WindTurbine("de-onshore", GermanyFleet.WIND_ONSHORE_W / 1e6, dblProp("wind.hub", 100),
                PowerCurve.typical(3e6).smoothed(dblProp("wind.spread", 0.3)));
    }

    static double[] windBySpeedCalibration(EvalYear year) {
        WindTurbine fleet = windFleet();
        WindCalibration cal = new WindCalibration(intProp("wind.window", 28), intProp("wind.pool", 1),
                Math.pow(10, 0.2));
        double[] forecast = new double[year.wind().length];
        List<WindCalibration.Sample> history = new ArrayList<>();
        for (int d = 0; d < year.dayCount(); d++) {
            LocalDate day = year.days().get(d);
            WindCalibration.Fit fit = cal.fit(history, fleet, day);
            for (int h = 0; h < 24; h++) {
                Double v = year.weather().get(d * 24 + h).windSpeed10mMs();
                forecast[d * 24 + h] = v == null ? Double.NaN : fit.power(fleet, h, v);
            }
            for (int h = 0; h < 24; h++) {
                Double v = year.weather().get(d * 24 + h).windSpeed10mMs();
                history.add(new WindCalibration.Sample(day, h, v == null ? Double.NaN : v, year.wind()[d * 24 + h]));
            }
        }
        return forecast;
    }

    static double[] windRaw(List<WeatherHour> weather) {
        WindTurbine fleet = new WindTurbine("de-onshore", GermanyFleet.WIND_ONSHORE_W, dblProp("wind.hub", 100),
                PowerCurve.typical(3e6).smoothed(dblProp("wind.spread", 0.3)));
        WindModel model = new WindModel(WindProfile.powerLaw(dblProp("wind.alphaDay", 0.2)),
                WindProfile.powerLaw(dblProp("wind.alphaNight", 0.2)), 51.0, 10.0);
        double[] raw = new double[weather.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = model.power(fleet, weather.get(i)) / 1e6;
        }
        return raw;
    }

    static int intProp(String key, int def) {
        return Integer.getInteger("eval." + key, def);
    }

    static double dblProp(String key, double def) {
        String v = System.getProperty("eval." + key);
        return v == null ? def : Double.parseDouble(v);
    }
}
