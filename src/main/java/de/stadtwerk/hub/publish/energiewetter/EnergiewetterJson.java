package de.stadtwerk.hub.publish.energiewetter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.stadtwerk.hub.forecast.BestWindow;
import de.stadtwerk.hub.forecast.EnergiewetterArea;
import de.stadtwerk.hub.forecast.EnergiewetterIssue;
import de.stadtwerk.hub.forecast.EnergiewetterSignal;
import de.stadtwerk.hub.forecast.SignalHour;
import de.stadtwerk.hub.forecast.WeatherRun;
import de.stadtwerk.hub.ingest.ObservationJson;
import de.stadtwerk.hub.parse.Attribution;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The JSON of {@code GET /api/v1/energiewetter} (documented in docs/energiewetter.md). */
public final class EnergiewetterJson {

    private EnergiewetterJson() {
    }

    /** The signal of {@code areaId} for {@code hours} hours from the issue's first hour, hour by hour. */
    public static String render(EnergiewetterIssue issue, String areaId, int hours, ZoneId zone) {
        return render(issue, areaId, hours, zone, null);
    }

    /**
     * As {@link #render(EnergiewetterIssue, String, int, ZoneId)}; with {@code quarterHours} (the same signal per
     * quarter-hour) they replace the hours under the key {@code quarterHours} and {@code resolution} is 15min.
     */
    public static String render(EnergiewetterIssue issue, String areaId, int hours, ZoneId zone,
                                List<SignalHour> quarterHours) {
        EnergiewetterSignal signal = issue.signals().get(areaId);
        EnergiewetterArea area = issue.area(areaId);
        Instant until = issue.from().plusSeconds(3600L * hours);
        ObjectNode root = ObservationJson.MAPPER.createObjectNode();
        ObjectNode a = root.putObject("area");
        a.put("id", area.id());
        a.put("name", area.name());
        root.put("issuedAt", issue.issuedAt().toString());
        root.put("from", issue.from().toString());
        root.put("to", until.toString());
        root.put("timeZone", zone.getId());
        ObjectNode levels = root.putObject("levels");
        levels.put("metric", signal.metric().name().toLowerCase(Locale.ROOT));
        levels.put("greenFrom", signal.greenFrom());
        levels.put("yellowFrom", signal.yellowFrom());
        root.put("resolution", quarterHours == null ? "1h" : "15min");
        ArrayNode hourArray = root.putArray(quarterHours == null ? "hours" : "quarterHours");
        for (SignalHour h : quarterHours == null ? signal.hours() : quarterHours) {
            if (h.start().isBefore(until)) {
                ObjectNode n = hourArray.addObject();
                n.put("start", h.start().toString());
                n.put("end", h.end().toString());
                n.put("localStart", h.start().atZone(zone).toOffsetDateTime().toString());
                n.put("level", h.level().name().toLowerCase(Locale.ROOT));
                n.put("pvW", round(h.pvW()));
                n.put("windW", round(h.windW()));
                n.put("generationW", round(h.generationW()));
                n.put("loadW", round(h.loadW()));
                if (h.coverage() != null) {
                    n.put("coverage", round4(h.coverage()));
                }
                if (h.availability() != null) {
                    n.put("availability", round4(h.availability()));
                }
                n.put("bestWindow", h.bestWindow());
            }
        }
        ArrayNode windows = root.putArray("bestWindows");
        for (BestWindow w : signal.bestWindows()) {
            if (w.start().isBefore(until)) {
                ObjectNode n = windows.addObject();
                n.put("day", w.day().toString());
                n.put("start", w.start().toString());
                n.put("end", w.end().toString());
                n.put("hours", w.hours());
                n.put("mean", round4(w.meanValue()));
                n.put("level", w.level().name().toLowerCase(Locale.ROOT));
            }
        }
        inputs(root.putObject("inputs"), issue, area);
        ArrayNode attribution = root.putArray("attribution");
        for (Attribution at : attributions(issue.weather(), area)) {
            ObjectNode n = attribution.addObject();
            n.put("provider", at.provider());
            n.put("text", at.text());
            n.put("licence", at.licenceId());
            n.put("licenceUrl", at.licenceUrl());
        }
        ArrayNode areas = root.putArray("areas");
        issue.areas().forEach(x -> areas.add(x.id()));
        try {
            return ObservationJson.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void inputs(ObjectNode in, EnergiewetterIssue issue, EnergiewetterArea area) {
        WeatherRun w = issue.weather();
        ObjectNode weather = in.putObject("weather");
        weather.put("asset", w.asset());
        weather.put("model", w.model());
        weather.put("run", w.issuedAt() == null ? null : w.issuedAt().toString());
        weather.put("source", w.source());
        weather.put("replayed", w.replayed());
        if (w.replayed()) {
            weather.put("shiftedByHours", w.shift().toHours());
        }
        weather.put("hours", w.hours().size());
        ObjectNode plants = in.putObject("plants");
        plants.put("ratedPowerW", round(area.ratedPowerW()));
        ArrayNode pv = plants.putArray("pv");
        area.pv().forEach(p -> pv.addObject().put("id", p.id()).put("ratedPowerW", round(p.ratedPowerW())));
        ArrayNode wind = plants.putArray("wind");
        area.wind().forEach(t -> wind.addObject().put("id", t.id()).put("ratedPowerW", round(t.ratedPowerW()))
                .put("hubHeightM", t.hubHeightM()));
        ObjectNode load = in.putObject("load");
        load.put("method", issue.load().method());
        if (issue.load().measuredSeries() != null) {
            load.put("measuredSeries", issue.load().measuredSeries());
            load.put("measuredHours", issue.load().measuredHours());
        }
        load.put("share", round4(area.loadShare()));
        ObjectNode cal = in.putObject("calibration");
        ObjectNode pvCal = cal.putObject("pv");
        pvCal.put("applied", issue.calibration().pv() != null);
        pvCal.set("referencePlants", ObservationJson.MAPPER.valueToTree(issue.calibration().pvReferences()));
        pvCal.put("samples", issue.calibration().pvSamples());
        ObjectNode windCal = cal.putObject("wind");
        windCal.put("applied", issue.calibration().wind() != null);
        windCal.set("referencePlants", ObservationJson.MAPPER.valueToTree(issue.calibration().windReferences()));
        windCal.put("samples", issue.calibration().windSamples());
    }

    /** The open data the signal rests on: the weather's provider, and the MaStR for plants that carry a MaStR number. */
    static List<Attribution> attributions(WeatherRun weather, EnergiewetterArea area) {
        Set<Attribution> result = new LinkedHashSet<>();
        String lineage = ((weather.model() == null ? "" : weather.model()) + " " + (weather.source() == null ? ""
                : weather.source()) + " " + weather.asset()).toLowerCase(Locale.ROOT);
        if (lineage.contains("dwd") || lineage.contains("mosmix")) {
            result.add(Attribution.DWD);
        }
        if (lineage.contains("open-meteo") || lineage.contains("openmeteo")) {
            result.add(Attribution.OPEN_METEO);
        }
        if (!area.mastrPlants().isEmpty()) {
            result.add(Attribution.MASTR);
        }
        return new ArrayList<>(result);
    }

    private static long round(double w) {
        return Math.round(w);
    }

    private static double round4(double v) {
        return Math.round(v * 10_000.0) / 10_000.0;
    }
}
