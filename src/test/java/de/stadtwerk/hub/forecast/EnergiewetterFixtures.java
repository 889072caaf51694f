package de.stadtwerk.hub.forecast;

import de.stadtwerk.hub.model.Asset;
import de.stadtwerk.hub.model.Forecast;
import de.stadtwerk.hub.parse.mosmix.MosmixParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Shared inputs of the Energiewetter tests: the recorded MOSMIX run of station P0036 and the demo plants. */
public final class EnergiewetterFixtures {

    /** The recorded run: MOSMIX_L for P0036 issued 2023-04-12T09:00Z (see fixtures/mosmix/SOURCES.md). */
    public static final String MOSMIX = "/fixtures/mosmix/MOSMIX_L_2023041209.kml";
    public static final String ASSET = "dwd-P0036";

    private EnergiewetterFixtures() {
    }

    public static List<Forecast> recordedRun() {
        try (InputStream in = EnergiewetterFixtures.class.getResourceAsStream(MOSMIX)) {
            return new MosmixParser(Set.of("P0036")).parse(in).forecasts();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plants of config/assets.csv. */
    public static List<Asset> plants() {
        return List.of(
                new Asset("pv-rathaus", "PV Rathausdach", "pv_plant", 51.2565, 7.1499, "Elberfeld", "42103", 99_500.0,
                        Map.of("mastr", "SEE912345678901")),
                new Asset("wind-nord", "Windpark Nord WEA 1", "wind_turbine", 51.3120, 7.2011, "Nord", "42111",
                        3_000_000.0, Map.of()),
                new Asset("m-00042", "Hausanschluss", "meter", 51.2562, 7.1508, "Elberfeld", "42103", null, Map.of()));
    }

    /** Sunny, windy weather for every hour of [from, to): irradiance follows the hour of day. */
    public static WeatherRun sunnyRun(Instant from, Instant to, double windMs) {
        List<WeatherHour> hours = new ArrayList<>();
        for (Instant h = from; h.isBefore(to); h = h.plus(Duration.ofHours(1))) {
            int hour = h.atZone(ZoneOffset.UTC).getHour();
            double ghi = Math.max(0, 800 * Math.sin(Math.PI * (hour - 5) / 14.0));
            hours.add(new WeatherHour(h, h.plus(Duration.ofHours(1)), ghi, null, null, 15.0, windMs));
        }
        return new WeatherRun("dwd-test", "DWD MOSMIX_L", from.minus(Duration.ofHours(3)), "dwd-mosmix", false,
                Duration.ZERO, hours);
    }

    /** A weather source with a fixed run and fixed history. */
    public static WeatherForecastSource source(WeatherRun run, List<WeatherHour> history) {
        return new WeatherForecastSource() {
            @Override
            public WeatherRun forecast(Instant from, Instant to) {
                return new WeatherRun(run.asset(), run.model(), run.issuedAt(), run.source(), run.replayed(), run.shift(),
                        run.hours().stream().filter(h -> !h.start().isBefore(from) && h.start().isBefore(to)).toList());
            }

            @Override
            public List<WeatherHour> history(Instant from, Instant to) {
                return history.stream().filter(h -> !h.start().isBefore(from) && h.start().isBefore(to)).toList();
            }
        };
    }

    public static Clock clockAt(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }
}
