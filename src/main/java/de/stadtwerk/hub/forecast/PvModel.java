package de.stadtwerk.hub.forecast;

import java.time.Duration;
import java.time.Instant;

/**
 * Hourly mean PV power of a {@link PvSystem}: global irradiance (measured or forecast, else estimated from a clear-sky
 * model scaled by the sunshine duration or the cloud cover), split by Erbs, transposed to the plane of array with the
 * isotropic sky, derated for cell temperature (NOCT model) and the performance ratio. The sun is sampled several
 * times within the hour so that the hours of sunrise and sunset are not all-or-nothing.
 */
public final class PvModel {

    /** Sub-steps per hour at which the sun position is evaluated. */
    private static final int SUB_STEPS = 6;

    private final double overcastFraction;

    /**
     * @param overcastFraction global irradiance under a sky without sunshine, as a fraction of clear-sky (0.4 chosen on
     *                         the Jan–Jun 2022 backtest, see docs/forecast-accuracy.md)
     */
    public PvModel(double overcastFraction) {
        if (overcastFraction < 0 || overcastFraction > 1) {
            throw new IllegalArgumentException("overcastFraction must be 0..1, got " + overcastFraction);
        }
        this.overcastFraction = overcastFraction;
    }

    public static PvModel defaults() {
        return new PvModel(0.4);
    }

    /** Mean power in W over the weather hour. */
    public double power(PvSystem system, WeatherHour weather) {
        long stepMillis = Duration.between(weather.start(), weather.end()).toMillis() / SUB_STEPS;
        double sum = 0;
        double clearSkySum = 0;
        SunPosition[] suns = new SunPosition[SUB_STEPS];
        for (int i = 0; i < SUB_STEPS; i++) {
            Instant t = weather.start().plusMillis(stepMillis * i + stepMillis / 2);
            suns[i] = SolarGeometry.position(system.lat(), system.lon(), t);
            clearSkySum += Irradiance.clearSkyGlobal(suns[i]);
        }
        if (clearSkySum <= 0) {
            return 0.0;
        }
        for (SunPosition sun : suns) {
            double ghi = globalIrradiance(weather, sun, clearSkySum / SUB_STEPS);
            double poa = PlaneOfArray.irradiance(Irradiance.decompose(ghi, sun), sun,
                    system.tiltDeg(), system.azimuthDeg(), PlaneOfArray.DEFAULT_ALBEDO);
            sum += dcPower(system, poa, weather.temperatureC());
        }
        return sum / SUB_STEPS;
    }

    /** Global horizontal irradiance at the sun position, from the best input the hour has. */
    double globalIrradiance(WeatherHour w, SunPosition sun, double hourClearSkyMean) {
        double clear = Irradiance.clearSkyGlobal(sun);
        if (w.globalIrradianceWm2() != null) {
            // distribute the hour mean over the sub-steps in proportion to the clear-sky shape
            return hourClearSkyMean <= 0 ? 0 : w.globalIrradianceWm2() * clear / hourClearSkyMean;
        }
        if (w.sunshineMinutes() != null) {
            double s = Math.max(0, Math.min(1, w.sunshineMinutes() / 60.0));
            return clear * (overcastFraction + (1 - overcastFraction) * s);
        }
        if (w.cloudCoverOctas() != null) {
            double n = Math.max(0, Math.min(8, w.cloudCoverOctas())) / 8.0;
            return clear * (1 - 0.75 * Math.pow(n, 3.4)); // Kasten and Czeplak (1980)
        }
        return clear;
    }

    /** Power in W for a plane-of-array irradiance and air temperature (NOCT cell temperature). */
    static double dcPower(PvSystem system, double poa, Double airTempC) {
        if (poa <= 0) {
            return 0.0;
        }
        double air = airTempC == null ? 15.0 : airTempC;
        double cell = air + (system.noctC() - 20.0) / 800.0 * poa;
        double derate = Math.max(0.0, 1 + system.tempCoeffPerK() * (cell - 25.0));
        return Math.min(system.ratedPowerW(), system.ratedPowerW() * poa / 1000.0 * derate * system.performanceRatio());
    }
}
