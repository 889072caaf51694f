package de.stadtwerk.hub.publish.energiewetter;

import de.stadtwerk.hub.forecast.BestWindow;
import de.stadtwerk.hub.forecast.EnergiewetterArea;
import de.stadtwerk.hub.forecast.EnergiewetterIssue;
import de.stadtwerk.hub.forecast.EnergiewetterSignal;
import de.stadtwerk.hub.forecast.SignalHour;
import de.stadtwerk.hub.forecast.WeatherRun;
import de.stadtwerk.hub.parse.Attribution;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The public page {@code GET /energiewetter}: the clock face, today / tomorrow / the day after hour by hour, the best
 * hours of each day; German, server-side rendered (works without JavaScript), readable on a phone.
 */
public final class EnergiewetterPage {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, d. MMMM", Locale.GERMAN);
    private static final DateTimeFormatter STAND = DateTimeFormatter.ofPattern("d.M.yyyy, HH:mm 'Uhr'", Locale.GERMAN);
    private static final String[] DAY_NAMES = {"Heute", "Morgen", "Übermorgen"};

    private EnergiewetterPage() {
    }

    /** The page for an area; {@code issue} may be null or without signal ("Noch keine Wettervorhersage"). */
    public static String render(EnergiewetterIssue issue, String areaId, Instant now, ZoneId zone) {
        EnergiewetterSignal signal = issue == null ? null : issue.signals().get(areaId);
        EnergiewetterArea area = issue == null ? null : issue.area(areaId);
        String areaName = area == null ? "" : area.name();
        StringBuilder s = new StringBuilder(20_000);
        s.append("<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Energiewetter ").append(Levels.escape(areaName)).append("</title><style>")
                .append(CSS).append("</style></head><body><main>");
        s.append("<h1>Energiewetter <span class=\"area\">").append(Levels.escape(areaName)).append("</span></h1>");
        s.append("<p class=\"lead\">Wann gibt es viel Strom aus Sonne und Wind von hier? Grüne Stunden sind gut für ")
                .append("Waschmaschine, Spülmaschine und das Laden des E-Autos.</p>");
        s.append("<section class=\"clock\">").append(ClockFace.svg(signal, now, zone, false)).append("</section>");
        if (signal == null) {
            s.append("<p class=\"notice\" id=\"no-weather\">Noch keine Wettervorhersage. Die Energiewetter-Uhr erscheint, ")
                    .append("sobald eine Wettervorhersage eingetroffen ist.</p>");
        } else {
            legend(s, signal);
            days(s, signal, now, zone);
        }
        footer(s, issue, area, zone);
        s.append("</main></body></html>\n");
        return s.toString();
    }

    private static void legend(StringBuilder s, EnergiewetterSignal signal) {
        String metric = signal.metric().name().equals("COVERAGE") ? "des Verbrauchs aus Sonne und Wind von hier"
                : "der installierten Leistung von Sonne und Wind";
        s.append("<p class=\"legend\"><span class=\"dot level-green\"></span>Grün: mindestens ")
                .append(percent(signal.greenFrom())).append(' ').append(metric)
                .append(" <span class=\"dot level-yellow\"></span>Gelb: ab ").append(percent(signal.yellowFrom()))
                .append(" <span class=\"dot level-red\"></span>Rot: weniger</p>");
    }

    private static void days(StringBuilder s, EnergiewetterSignal signal, Instant now, ZoneId zone) {
        Map<Instant, SignalHour> byStart = new HashMap<>();
        signal.hours().forEach(h -> byStart.put(h.start(), h));
        LocalDate today = now.atZone(zone).toLocalDate();
        for (int d = 0; d < 3; d++) {
            LocalDate day = today.plusDays(d);
            s.append("<section class=\"day\" data-day=\"").append(day).append("\"><h2>").append(DAY_NAMES[d])
                    .append(" <small>").append(DAY.format(day)).append("</small></h2>");
            BestWindow best = signal.bestWindows().stream().filter(w -> w.day().equals(day)).findFirst().orElse(null);
            if (best != null) {
                s.append("<p class=\"best\">Beste Stunden: <strong>").append(hourText(best.start(), zone)).append("–")
                        .append(hourText(best.end(), zone)).append(" Uhr</strong> (")
                        .append(Levels.word(best.level())).append(")</p>");
            } else {
                s.append("<p class=\"best\">Beste Stunden: noch keine Vorhersage für den ganzen Tag</p>");
            }
            s.append("<ol class=\"hours\">");
            ZonedDateTime t = day.atStartOfDay(zone);
            ZonedDateTime end = day.plusDays(1).atStartOfDay(zone);
            for (; t.isBefore(end); t = t.plusHours(1)) {
                SignalHour h = byStart.get(t.toInstant());
                String cls = Levels.cssClass(h == null ? null : h.level()) + (h != null && h.bestWindow() ? " best" : "");
                s.append("<li class=\"cell ").append(cls).append("\" title=\"").append(t.getHour()).append(" Uhr: ")
                        .append(Levels.escape(Levels.word(h == null ? null : h.level()))).append("\"><span>")
                        .append(t.getHour()).append("</span></li>");
            }
            s.append("</ol></section>");
        }
    }

    private static void footer(StringBuilder s, EnergiewetterIssue issue, EnergiewetterArea area, ZoneId zone) {
        s.append("<footer>");
        if (issue != null) {
            s.append("<p>Stand: ").append(STAND.format(issue.issuedAt().atZone(zone))).append("</p>");
            WeatherRun w = issue.weather();
            if (w.replayed()) {
                s.append("<p class=\"notice\" id=\"replayed\">Demo: eine aufgezeichnete Wettervorhersage (Lauf vom ")
                        .append(STAND.format(w.issuedAt().atZone(zone)))
                        .append(") wird so gezeigt, als gälte sie ab heute.</p>");
            }
            if (area != null) {
                List<Attribution> attributions = EnergiewetterJson.attributions(w, area);
                for (Attribution a : attributions) {
                    s.append("<p class=\"attribution\">").append(Levels.escape(a.text())).append(" (<a href=\"")
                            .append(Levels.escape(a.licenceUrl())).append("\">").append(Levels.escape(a.licenceId()))
                            .append("</a>)</p>");
                }
            }
        }
        s.append("<p><a href=\"/api/v1/energiewetter\">Daten als JSON</a> · <a href=\"/energiewetter.svg\">Uhr als Bild</a></p>");
        s.append("</footer>");
    }

    private static String hourText(Instant t, ZoneId zone) {
        return String.valueOf(t.atZone(zone).getHour());
    }

    private static String percent(double v) {
        return Math.round(v * 100) + " %";
    }

    private static final String CSS = "body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
            + "color:#1b1b1b;background:#f6f7f4}main{max-width:40rem;margin:0 auto;padding:1rem}"
            + "h1{font-size:1.6rem;margin:.2rem 0}h1 .area{font-weight:normal;color:#555}"
            + "h2{font-size:1.15rem;margin:1.2rem 0 .3rem}h2 small{font-weight:normal;color:#555}"
            + ".lead{margin:.3rem 0 1rem}.clock{text-align:center}.clock svg{width:min(80vw,300px);height:auto}"
            + ".legend{font-size:.9rem}.dot{display:inline-block;width:.8rem;height:.8rem;border-radius:50%;"
            + "margin:0 .25rem 0 .6rem;vertical-align:middle}"
            + ".hours{display:grid;grid-template-columns:repeat(12,1fr);gap:2px;list-style:none;padding:0;margin:0}"
            + ".cell{text-align:center;font-size:.75rem;padding:.35rem 0;border-radius:3px;color:#111}"
            + ".cell.best{outline:2px solid #111;outline-offset:-2px;font-weight:bold}"
            + ".level-green{background:#2e9d47;color:#fff}.level-yellow{background:#f2c200}"
            + ".level-red{background:#d7301f;color:#fff}.level-none{background:#c9c9c9}"
            + ".notice{background:#fff3cd;padding:.6rem;border-radius:4px}"
            + "footer{margin-top:1.5rem;font-size:.8rem;color:#444}footer a{color:#1d5ea8}"
            + "@media (min-width:32rem){.hours{grid-template-columns:repeat(24,1fr)}}";
}
