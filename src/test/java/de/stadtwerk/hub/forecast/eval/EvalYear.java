package de.stadtwerk.hub.forecast.eval;

import de.stadtwerk.hub.forecast.WeatherHour;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluation year from {@code forecast-eval/}: per hour the Germany-mean DWD weather, SMARD PV and onshore wind
 * generation and SMARD consumption, all in MW (MWh per hour). The {@code dwd_smard_*} files are on a UTC grid whose
 * row labelled H holds the hour [H−1, H) UTC; the SMARD consumption file is in local time (Europe/Berlin) and is
 * moved onto that grid by converting each local hour to its UTC start (the repeated 02 hour on 30 October is CEST
 * first, CET second).
 */
record EvalYear(List<LocalDate> days, List<WeatherHour> weather, double[] solar, double[] wind, double[] load) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    int dayCount() {
        return days.size();
    }

    static EvalYear load(Path dir) throws IOException {
        List<String[]> solarRows = rows(dir.resolve("dwd_smard_2022_hourly_solar.csv"));
        List<String[]> windRows = rows(dir.resolve("dwd_smard_2022_hourly_wind_onshore.csv"));
        Map<Instant, Double> consumption = consumptionByUtcStart(dir.resolve("smard_power2022_DE_hourly_localtime.csv"));
        if (solarRows.size() != windRows.size() || solarRows.size() % 24 != 0) {
            throw new IllegalStateException("solar and wind files must have the same whole days, got "
                    + solarRows.size() + " / " + windRows.size());
        }
        int n = solarRows.size();
        List<LocalDate> days = new ArrayList<>();
        List<WeatherHour> weather = new ArrayList<>(n);
        double[] solar = new double[n];
        double[] wind = new double[n];
        double[] load = new double[n];
        for (int i = 0; i < n; i++) {
            String[] r = solarRows.get(i);
            String[] w = windRows.get(i);
            if (!r[0].equals(w[0]) || !r[1].equals(w[1])) {
                throw new IllegalStateException("row " + (i + 2) + ": solar and wind files are not aligned");
            }
            LocalDate day = LocalDate.parse(r[0], DAY);
            int hour = Integer.parseInt(r[1]);
            if (hour != i % 24) {
                throw new IllegalStateException("row " + (i + 2) + ": expected hour " + (i % 24) + ", got " + hour);
            }
            if (hour == 0) {
                days.add(day);
            }
            Instant end = day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
            Instant start = end.minusSeconds(3600);
            weather.add(new WeatherHour(start, end, null, num(r[8]), num(r[5]), num(r[3]), num(r[10])));
            solar[i] = num(r[12]);
            wind[i] = num(w[12]);
            Double c = consumption.get(start);
            if (c == null) {
                throw new IllegalStateException("no consumption for the UTC hour starting " + start);
            }
            load[i] = c;
        }
        return new EvalYear(List.copyOf(days), List.copyOf(weather), solar, wind, load);
    }

    private static Map<Instant, Double> consumptionByUtcStart(Path file) throws IOException {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Map<Instant, Double> result = new HashMap<>();
        LocalDateTime previous = null;
        for (String[] r : rows(file)) {
            LocalDateTime local = LocalDate.parse(r[0], DAY).atTime(Integer.parseInt(r[1]), 0);
            var offsets = berlin.getRules().getValidOffsets(local);
            ZoneOffset offset = offsets.size() > 1 && local.equals(previous) ? offsets.get(1) : offsets.isEmpty()
                    ? berlin.getRules().getOffset(local.minusHours(1)) : offsets.get(0);
            result.put(local.toInstant(offset), num(r[14]));
            previous = local;
        }
        return result;
    }

    private static List<String[]> rows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
    }

    private static double num(String s) {
        return s == null || s.isBlank() ? Double.NaN : Double.parseDouble(s);
    }
}
