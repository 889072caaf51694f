package de.stadtwerk.hub.publish.energiewetter;

import de.stadtwerk.hub.forecast.EnergiewetterSignal;
import de.stadtwerk.hub.forecast.SignalHour;
import de.stadtwerk.hub.forecast.SignalLevel;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Energiewetter clock face as SVG: a 24-hour dial (0 Uhr at the top, clockwise) whose 24 segments are coloured by
 * the level of the next occurrence of that local hour from the current hour on, the current hour marked. A segment
 * without forecast is grey. Local time of the zone (Europe/Berlin); on the night clocks go back one local hour occurs
 * twice and the first counts, on the night they go forward one segment (02 Uhr) has no hour and stays grey.
 */
public final class ClockFace {

    private static final double CX = 120;
    private static final double CY = 120;
    private static final double R_OUTER = 110;
    private static final double R_INNER = 68;

    private ClockFace() {
    }

    /** The hour per local hour of day (0..23), the next occurrence from the hour of {@code now} on; absent hours missing. */
    public static Map<Integer, SignalHour> nextDay(EnergiewetterSignal signal, Instant now, ZoneId zone) {
        Map<Integer, SignalHour> byHour = new HashMap<>();
        if (signal == null) {
            return byHour;
        }
        Instant from = now.truncatedTo(ChronoUnit.HOURS);
        Instant to = from.plus(25, ChronoUnit.HOURS); // 25: the night clocks go back has 25 hours
        for (SignalHour h : signal.hours()) {
            if (!h.start().isBefore(from) && h.start().isBefore(to)) {
                byHour.putIfAbsent(h.start().atZone(zone).getHour(), h);
            }
        }
        return byHour;
    }

    /**
     * The SVG. {@code standalone} adds the XML namespace declaration for use as a file ({@code /energiewetter.svg});
     * inline in HTML it is not needed but harmless.
     */
    public static String svg(EnergiewetterSignal signal, Instant now, ZoneId zone, boolean standalone) {
        Map<Integer, SignalHour> byHour = nextDay(signal, now, zone);
        int current = now.atZone(zone).getHour();
        StringBuilder s = new StringBuilder(6000);
        if (standalone) {
            s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        }
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"energiewetter-clock\" viewBox=\"0 0 240 240\" ")
                .append("width=\"240\" height=\"240\" role=\"img\" aria-label=\"Energiewetter-Uhr: die nächsten 24 Stunden\">");
        s.append("<title>Energiewetter-Uhr</title>");
        for (int h = 0; h < 24; h++) {
            SignalHour hour = byHour.get(h);
            SignalLevel level = hour == null ? null : hour.level();
            boolean isCurrent = h == current;
            s.append("<path class=\"segment ").append(Levels.cssClass(level)).append(isCurrent ? " current" : "")
                    .append(hour != null && hour.bestWindow() ? " best" : "")
                    .append("\" data-hour=\"").append(h).append("\" data-level=\"")
                    .append(level == null ? "NONE" : level.name()).append("\" fill=\"").append(Levels.colour(level))
                    .append("\" stroke=\"").append(isCurrent ? "#111111" : "#ffffff").append("\" stroke-width=\"")
                    .append(isCurrent ? "4" : "1.5").append("\" d=\"").append(segmentPath(h)).append("\">")
                    .append("<title>").append(h).append(" Uhr: ").append(Levels.word(level))
                    .append(hour != null && hour.bestWindow() ? " (beste Stunden)" : "").append("</title></path>");
        }
        // the current hour: a hand from the centre to the middle of its segment
        double a = Math.toRadians(current * 15 + 7.5 - 90);
        s.append(String.format(Locale.ROOT, "<line class=\"hand\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                + "stroke=\"#111111\" stroke-width=\"3\" stroke-linecap=\"round\"/>", CX, CY,
                CX + (R_INNER - 6) * Math.cos(a), CY + (R_INNER - 6) * Math.sin(a)));
        s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#111111\"/>", CX, CY));
        for (int h = 0; h < 24; h += 6) {
            double t = Math.toRadians(h * 15 - 90);
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" font-family=\"sans-serif\" "
                    + "text-anchor=\"middle\" dominant-baseline=\"middle\" fill=\"#333333\">%d</text>",
                    CX + (R_INNER - 14) * Math.cos(t), CY + (R_INNER - 14) * Math.sin(t), h));
        }
        SignalHour now0 = byHour.get(current);
        s.append(String.format(Locale.ROOT, "<text class=\"now\" x=\"%.1f\" y=\"%.1f\" font-size=\"13\" "
                + "font-family=\"sans-serif\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#111111\">%s</text>",
                CX, CY + 26, Levels.escape(Levels.word(now0 == null ? null : now0.level()))));
        s.append("</svg>");
        return s.toString();
    }

    /** The ring segment of a local hour: 15° wide, from 0 Uhr at the top clockwise. */
    static String segmentPath(int hour) {
        double a0 = Math.toRadians(hour * 15 - 90);
        double a1 = Math.toRadians((hour + 1) * 15 - 90);
        return String.format(Locale.ROOT, "M%.2f %.2fA%.1f %.1f 0 0 1 %.2f %.2fL%.2f %.2fA%.1f %.1f 0 0 0 %.2f %.2fZ",
                CX + R_OUTER * Math.cos(a0), CY + R_OUTER * Math.sin(a0), R_OUTER, R_OUTER,
                CX + R_OUTER * Math.cos(a1), CY + R_OUTER * Math.sin(a1),
                CX + R_INNER * Math.cos(a1), CY + R_INNER * Math.sin(a1), R_INNER, R_INNER,
                CX + R_INNER * Math.cos(a0), CY + R_INNER * Math.sin(a0));
    }
}
