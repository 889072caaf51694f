package de.stadtwerk.hub.forecast;

import java.time.Instant;
import java.util.List;

/**
 * Where the Energiewetter takes its weather from, whatever route brought it in (DWD MOSMIX, Open-Meteo …).
 */
public interface WeatherForecastSource {

    /** The newest forecast for the hours in [from, to); hours it has nothing for are missing from the run. */
    WeatherRun forecast(Instant from, Instant to);

    /** Past hours in [from, to) from the forecasts issued for them (the latest issue per hour), for calibration. */
    List<WeatherHour> history(Instant from, Instant to);
}
