package de.stadtwerk.hub.publish.feed;

import de.stadtwerk.hub.store.ObservationStream.SeriesInfo;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.zone.ZoneRules;
import java.util.Map;

/**
 * German Excel CSV: UTF-8 with BOM, {@code ;} between fields, decimal comma, CRLF line ends. The file starts with
 * a few comment lines ({@code #}: feed, period, attribution), then the column names, then one line per value:
 * series, asset, quantity, unit, start and end in local time ({@code dd.MM.yyyy HH:mm}), start and end in UTC (so
 * that the doubled hour of a 25-hour day stays unambiguous), value, and quality (raw values) or the number of
 * values (aggregates).
 */
final class CsvDeFeedWriter implements FeedWriter {

    static final char SEP = ';';
    private static final String EOL = "\r\n";

    private final Writer out;
    private final StringBuilder line = new StringBuilder(160);
    private Map<String, SeriesInfo> series;
    private ZoneRules rules;
    private boolean aggregated;

    CsvDeFeedWriter(OutputStream stream) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    public void begin(FeedHeader h) throws IOException {
        series = h.seriesById();
        rules = h.period().zone().getRules();
        aggregated = h.aggregated();
        out.write('\uFEFF');
        StringBuilder sb = new StringBuilder();
        sb.append("# Feed: ").append(h.feedId());
        if (!h.description().isBlank()) {
            sb.append(" – ").append(h.description());
        }
        sb.append(EOL).append("# Zeitraum: ");
        TimeText.local(sb, h.period().from(), rules);
        sb.append(" bis ");
        TimeText.local(sb, h.period().to(), rules);
        sb.append(" (").append(h.period().zone().getId()).append(", ").append(hours(h.period().hours())).append(" Stunden)");
        sb.append(EOL).append("# Erstellt: ");
        TimeText.utc(sb, h.generatedAt());
        sb.append(EOL).append("# Werte: ").append(h.source().equals(FeedQuery.FORECASTS) ? "Prognosen (neueste Ausgabe)"
                : h.aggregated() ? "aggregiert, " + h.aggregation() : "Messwerte").append(EOL);
        for (String a : h.attribution()) {
            sb.append("# Quelle: ").append(a.replace('\n', ' ')).append(EOL);
        }
        sb.append("Zeitreihe;Anlage;Größe;Einheit;Beginn (lokal);Ende (lokal);Beginn (UTC);Ende (UTC);Wert;")
                .append(aggregated ? "Anzahl Werte" : "Qualität").append(EOL);
        out.write(sb.toString());
    }

    private static String hours(double h) {
        return h == Math.rint(h) ? Long.toString((long) h) : Double.toString(h).replace('.', ',');
    }

    @Override
    public void row(FeedRow r) throws IOException {
        StringBuilder sb = line;
        sb.setLength(0);
        SeriesInfo s = series.get(r.seriesId());
        field(sb, r.seriesId()).append(SEP);
        field(sb, s == null ? "" : s.assetId()).append(SEP);
        field(sb, s == null ? "" : s.quantity()).append(SEP);
        field(sb, s == null ? "" : s.unit()).append(SEP);
        TimeText.local(sb, r.start(), rules);
        sb.append(SEP);
        TimeText.local(sb, r.end(), rules);
        sb.append(SEP);
        TimeText.utc(sb, r.start());
        sb.append(SEP);
        TimeText.utc(sb, r.end());
        sb.append(SEP);
        decimal(sb, r.value()).append(SEP);
        if (aggregated) {
            sb.append(r.count());
        } else {
            field(sb, r.quality() == null ? "" : r.quality());
        }
        sb.append(EOL);
        out.append(sb);
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }

    /** A number with decimal comma, without grouping and without exponent ({@code 1234,5}, {@code -0,25}). */
    static StringBuilder decimal(StringBuilder sb, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return sb;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return sb.append((long) v);
        }
        String s = Double.toString(v);
        if (s.indexOf('E') >= 0) {
            s = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
        return sb.append(s.replace('.', ','));
    }

    /** A text field, quoted when it holds the separator, a quote or a line break. */
    static StringBuilder field(StringBuilder sb, String v) {
        boolean quote = false;
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c == SEP || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            return sb.append(v);
        }
        return sb.append('"').append(v.replace("\"", "\"\"")).append('"');
    }
}
