package de.stadtwerk.hub.forecast.eval;

import de.stadtwerk.hub.forecast.PowerCurve;
import de.stadtwerk.hub.forecast.PvModel;
import de.stadtwerk.hub.forecast.PvSystem;
import de.stadtwerk.hub.forecast.RollingCalibration;
import de.stadtwerk.hub.forecast.SignalLevel;
import de.stadtwerk.hub.forecast.SignalThresholds;
import de.stadtwerk.hub.forecast.SolarGeometry;
import de.stadtwerk.hub.forecast.WeatherHour;
import de.stadtwerk.hub.forecast.WindCalibration;
import de.stadtwerk.hub.forecast.WindTurbine;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Backtest of the Energiewetter PV and wind models (and the level) on 2022, Germany (SMARD generation and
 * consumption, DWD station-mean weather). Run by {@code bench/forecast-eval.sh}; the data directory is the first
 * argument. Each day is forecast from its own weather and calibrations fitted on earlier days only. The parameters
 * below were chosen on January–June; July–December is reported separately as the part not used for choosing them.
 * System properties {@code eval.*} override them for experiments.
 */
public final class ForecastEvaluation {

    private ForecastEvaluation() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/forecast-eval");
        EvalYear year = EvalYear.load(dir);
        int n = year.weather().size();
        int from = 24; // the first day has neither persistence nor calibration history
        int half = 181 * 24; // 1 July

        double[] pv = DayAheadBacktest.run(year.days(), pvRaw(year.weather()), year.solar(),
                new RollingCalibration(intProp("pv.window", 21), dblProp("pv.shrink", 0.5), intProp("pv.bins", 8), 1.0));
        double[] wind = windForecast(year);
        double[] load = LoadBacktest.run(year, intProp("load.window", 14));

        System.out.printf(Locale.ROOT, "data: %s, %d days, hours scored from %s (the first day has no history)%n",
                dir, year.dayCount(), year.days().get(1));
        double pvSkill = report("PV", pv, year.solar(), from, half, n);
        double windSkill = report("wind", wind, year.wind(), from, half, n);
        report("load", load, year.load(), from, half, n);

        SignalThresholds thresholds = new SignalThresholds(SignalThresholds.Metric.COVERAGE,
                dblProp("level.green", SignalThresholds.DEFAULT_GREEN_FROM),
                dblProp("level.yellow", SignalThresholds.DEFAULT_YELLOW_FROM));
        double[] genF = sum(pv, wind);
        double[] genA = sum(year.solar(), year.wind());
        double[] genP = DayAheadBacktest.persistence(genA);
        double[] loadP = DayAheadBacktest.persistence(year.load());
        boolean[] daylight = daylight(year.weather());
        double agreement = levelAgreement(thresholds, genF, load, genA, year.load(), daylight, from, n);
        double persAgreement = levelAgreement(thresholds, genP, loadP, genA, year.load(), daylight, from, n);
        System.out.printf(Locale.ROOT, "level (coverage = (PV+wind onshore)/load; green >= %.2f, yellow >= %.2f), "
                        + "daylight hours: model %.1f%% [Jan-Jun %.1f%%, Jul-Dec %.1f%%], persistence %.1f%%, "
                        + "actual shares %s%n", thresholds.greenFrom(), thresholds.yellowFrom(), agreement,
                levelAgreement(thresholds, genF, load, genA, year.load(), daylight, from, half),
                levelAgreement(thresholds, genF, load, genA, year.load(), daylight, half, n), persAgreement,
                shares(thresholds, genA, year.load(), daylight, from, n));
        System.out.printf(Locale.ROOT, "PV skill=%.3f wind skill=%.3f level agreement=%.1f%%%n", pvSkill, windSkill, agreement);
    }

    private static double report(String name, double[] model, double[] actual, int from, int half, int to) {
        double[] pers = DayAheadBacktest.persistence(actual);
        double peak = Scores.max(actual);
        double maeM = Scores.mae(model, actual, from, to);
        double maeP = Scores.mae(pers, actual, from, to);
        System.out.printf(Locale.ROOT, "%-5s peak %.0f MW  MAE model %.0f MW = %.2f%% of peak, persistence %.0f MW = %.2f%%"
                        + "  skill %.3f [Jan-Jun %.3f, Jul-Dec %.3f]%n",
                name, peak, maeM, 100 * maeM / peak, maeP, 100 * maeP / peak, 1 - maeM / maeP,
                Scores.skill(model, pers, actual, from, half), Scores.skill(model, pers, actual, half, to));
        return 1 - maeM / maeP;
    }

    static double[] pvRaw(List<WeatherHour> weather) {
        List<PvSystem> sites = GermanyFleet.pvSites();
        PvModel model = new PvModel(dblProp("pv.overcast", 0.4));
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

    static double[] windForecast(EvalYear year) {
        WindTurbine fleet = new WindTurbine("de-onshore", GermanyFleet.WIND_ONSHORE_W / 1e6, dblProp("wind.hub", 100),
                PowerCurve.typical(3e6).smoothed(dblProp("wind.spread", 0.45)));
        WindCalibration cal = new WindCalibration(intProp("wind.window", 28), intProp("wind.pool", 1), Math.pow(10, 0.2));
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

    static boolean[] daylight(List<WeatherHour> weather) {
        boolean[] day = new boolean[weather.size()];
        for (int i = 0; i < day.length; i++) {
            day[i] = SolarGeometry.position(51.0, 10.0, weather.get(i).middle()).elevationDeg() > 0;
        }
        return day;
    }

    static double levelAgreement(SignalThresholds t, double[] genF, double[] loadF, double[] genA, double[] loadA,
                                 boolean[] daylight, int from, int to) {
        int same = 0;
        int count = 0;
        for (int i = from; i < to; i++) {
            if (!daylight[i] || !Double.isFinite(genF[i]) || !Double.isFinite(loadF[i])) {
                continue;
            }
            count++;
            if (t.level(genF[i], loadF[i], 0) == t.level(genA[i], loadA[i], 0)) {
                same++;
            }
        }
        return 100.0 * same / count;
    }

    private static String shares(SignalThresholds t, double[] gen, double[] load, boolean[] daylight, int from, int to) {
        int[] c = new int[SignalLevel.values().length];
        int total = 0;
        for (int i = from; i < to; i++) {
            if (daylight[i]) {
                c[t.level(gen[i], load[i], 0).ordinal()]++;
                total++;
            }
        }
        StringBuilder b = new StringBuilder();
        for (SignalLevel l : SignalLevel.values()) {
            b.append(b.length() == 0 ? "" : " ").append(l).append(String.format(Locale.ROOT, " %.0f%%", 100.0 * c[l.ordinal()] / total));
        }
        return b.toString();
    }

    private static double[] sum(double[] a, double[] b) {
        double[] s = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            s[i] = a[i] + b[i];
        }
        return s;
    }

    static int intProp(String key, int def) {
        return Integer.getInteger("eval." + key, def);
    }

    static double dblProp(String key, double def) {
        String v = System.getProperty("eval." + key);
        return v == null ? def : Double.parseDouble(v);
    }
}
