package de.stadtwerk.hub.forecast;

import java.time.Instant;

/**
 * The weather of one hour [start, end) as the forecast models need it. Any value may be null when the source does not
 * give it; the models use what is there (irradiance before sunshine duration before cloud cover).
 *
 * @param start                start of the hour (UTC instant)
 * @param end                  end of the hour
 * @param globalIrradianceWm2  mean global horizontal irradiance over the hour, W/m² (MOSMIX Rad1h converted, Open-Meteo shortwave_radiation)
 * @param sunshineMinutes      sunshine duration within the hour, 0–60 min (MOSMIX SunD1, DWD SD)
 * @param cloudCoverOctas      total cloud cover, 0–8 eighths (MOSMIX N, DWD N)
 * @param temperatureC         air temperature at 2 m, °C
 * @param windSpeed10mMs       wind speed at 10 m, m/s
 */
public record WeatherHour(
        Instant start,
        Instant end,
        Double globalIrradianceWm2,
        Double sunshineMinutes,
        Double cloudCoverOctas,
        Double temperatureC,
        Double windSpeed10mMs) {

    public WeatherHour {
        if (start == null || end == null || !end.isAfter(start)) {
            throw new IllegalArgumentException("weather hour needs start < end, got " + start + " .. " + end);
        }
    }

    /** The middle of the hour. */
    public Instant middle() {
        return start.plusMillis((end.toEpochMilli() - start.toEpochMilli()) / 2);
    }
}
