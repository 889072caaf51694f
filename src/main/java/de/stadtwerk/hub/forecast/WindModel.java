package de.stadtwerk.hub.forecast;

/**
 * Hourly mean power of a {@link WindTurbine}: hub-height wind from the 10 m forecast by a {@link WindProfile}, then the
 * power curve. The profile may differ between day and night: a stable night-time boundary layer has a stronger shear
 * than a well-mixed daytime one.
 */
public final class WindModel {

    private final WindProfile dayProfile;
    private final WindProfile nightProfile;
    private final double lat;
    private final double lon;

    /**
     * @param dayProfile   profile while the sun is up at (lat, lon)
     * @param nightProfile profile while it is down
     */
    public WindModel(WindProfile dayProfile, WindProfile nightProfile, double lat, double lon) {
        this.dayProfile = dayProfile;
        this.nightProfile = nightProfile;
        this.lat = lat;
        this.lon = lon;
    }

    /** One profile day and night. */
    public static WindModel uniform(WindProfile profile) {
        return new WindModel(profile, profile, 51.0, 10.0);
    }

    /** Mean power in W over the weather hour; 0 when the hour has no wind speed. */
    public double power(WindTurbine turbine, WeatherHour weather) {
        Double v10 = weather.windSpeed10mMs();
        if (v10 == null || v10.isNaN()) {
            return 0.0;
        }
        return turbine.ratedPowerW() * turbine.curve().fraction(hubSpeed(turbine, weather));
    }

    /** Hub-height wind speed for the hour. */
    public double hubSpeed(WindTurbine turbine, WeatherHour weather) {
        boolean day = SolarGeometry.position(lat, lon, weather.middle()).elevationDeg() > 0;
        return (day ? dayProfile : nightProfile).atHeight(weather.windSpeed10mMs(), turbine.hubHeightM());
    }
}
