package de.stadtwerk.hub.forecast;

import de.stadtwerk.hub.model.Asset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Learns a correction of the PV and wind models from the measured feed-in ({@code <plant>.active_power}, W) of
 * representative plants over the days before today, with the weather that was forecast for those hours. PV:
 * {@link RollingCalibration} on output per rated W; wind: {@link WindCalibration} (speed and capacity factor per hour
 * of day). Without measurements or past weather the models stay uncorrected. Hours of day are UTC hours.
 */
public final class FeedInCalibrator {

    /** A fitted correction; a null part means "uncorrected". */
    public record Correction(Calibration pv, WindCalibration.Fit wind, List<String> pvReferences,
                             List<String> windReferences, int pvSamples, int windSamples) {

        public static Correction none() {
            return new Correction(null, null, List.of(), List.of(), 0, 0);
        }
    }

    private final WeatherForecastSource weather;
    private final HourlyMeasurements measurements;
    private final PvModel pvModel;
    private final EnergiewetterSettings settings;
    private final double hubHeightM;

    public FeedInCalibrator(WeatherForecastSource weather, HourlyMeasurements measurements, PvModel pvModel,
                            EnergiewetterSettings settings, double hubHeightM) {
        this.weather = weather;
        this.measurements = measurements;
        this.pvModel = pvModel;
        this.settings = settings;
        this.hubHeightM = hubHeightM;
    }

    /** The correction for {@code today} from the reference plants (assets; absent ones are skipped). */
    public Correction fit(List<Asset> pvReferences, List<Asset> windReferences, LocalDate today) {
        if (pvReferences.isEmpty() && windReferences.isEmpty()) {
            return Correction.none();
        }
        int days = Math.max(settings.pvWindowDays(), settings.windWindowDays());
        Instant to = today.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant from = today.minusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<WeatherHour> past = weather.history(from, to);
        if (past.isEmpty()) {
            return Correction.none();
        }
        List<CalibrationSample> pvSamples = new ArrayList<>();
        List<String> pvUsed = new ArrayList<>();
        for (Asset a : pvReferences) {
            PvSystem system = PvSystem.typical(a.id(), a.lat(), a.lon(), a.ratedPowerW());
            Map<Instant, Double> measured = measurements.hourlyMeans(a.id() + ".active_power", from, to);
            int before = pvSamples.size();
            for (WeatherHour w : past) {
                Double m = measured.get(w.start());
                if (m != null) {
                    pvSamples.add(new CalibrationSample(day(w), hour(w), pvModel.power(system, w) / system.ratedPowerW(),
                            m / system.ratedPowerW()));
                }
            }
            if (pvSamples.size() > before) {
                pvUsed.add(a.id());
            }
        }
        Calibration pv = pvSamples.isEmpty() ? null
                : new RollingCalibration(settings.pvWindowDays(), 0.5, 8, 1.0).fit(pvSamples, today);
        WindCalibration.Fit wind = null;
        List<String> windUsed = new ArrayList<>();
        int windCount = 0;
        double prior = Math.pow(hubHeightM / WindProfile.MEASURING_HEIGHT_M, settings.windShear());
        for (Asset a : windReferences) {
            WindTurbine turbine = WindTurbine.typical(a.id(), a.ratedPowerW(), hubHeightM);
            Map<Instant, Double> measured = measurements.hourlyMeans(a.id() + ".active_power", from, to);
            List<WindCalibration.Sample> samples = new ArrayList<>();
            for (WeatherHour w : past) {
                Double m = measured.get(w.start());
                if (m != null && w.windSpeed10mMs() != null) {
                    samples.add(new WindCalibration.Sample(day(w), hour(w), w.windSpeed10mMs(), m));
                }
            }
            if (!samples.isEmpty() && wind == null) {
                wind = new WindCalibration(settings.windWindowDays(), 1, prior).fit(samples, turbine, today);
                windUsed.add(a.id());
                windCount = samples.size();
            }
        }
        return new Correction(pv, wind, pvUsed, windUsed, pvSamples.size(), windCount);
    }

    private static LocalDate day(WeatherHour w) {
        return w.start().atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static int hour(WeatherHour w) {
        return w.start().atZone(ZoneOffset.UTC).getHour();
    }
}
