package de.stadtwerk.hub.publish.feed;

import de.stadtwerk.hub.store.ObservationStream.SeriesInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * An Excel workbook (fastexcel, streamed: rows are flushed to the file every {@link #FLUSH_ROWS} rows). Sheet
 * "Info" holds feed, period and attribution (also in the document properties); sheet "Daten" the rows with the
 * columns of the German CSV; start and end in local time and the start in UTC are Excel date cells. A sheet holds
 * at most {@link #MAX_ROWS} rows; more continue on "Daten 2", "Daten 3" ….
 */
final class XlsxFeedWriter implements FeedWriter {

    static final int MAX_ROWS = 1_048_575;
    private static final int FLUSH_ROWS = 10_000;
    private static final String DATE = "dd.mm.yyyy hh:mm";

    private final OutputStream out;
    private Workbook workbook;
    private Worksheet sheet;
    private int sheetNo;
    private int rowNo;
    private Map<String, SeriesInfo> series;
    private ZoneId zone;
    private boolean aggregated;

    XlsxFeedWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void begin(FeedHeader h) throws IOException {
        series = h.seriesById();
        zone = h.period().zone();
        aggregated = h.aggregated();
        workbook = new Workbook(out, "StadtwerkHub", "1.0");
        workbook.properties().setTitle(h.feedId()).setSubject(h.description())
                .setDescription(String.join("; ", h.attribution()));
        Worksheet info = workbook.newWorksheet("Info");
        String[][] lines = {
            {"Feed", h.feedId()},
            {"Beschreibung", h.description()},
            {"Zeitraum von", h.period().from().atZone(zone).toLocalDateTime().toString().replace('T', ' ')},
            {"Zeitraum bis", h.period().to().atZone(zone).toLocalDateTime().toString().replace('T', ' ')},
            {"Zeitzone", zone.getId()},
            {"Stunden", null},
            {"Erstellt (UTC)", h.generatedAt().toString()},
            {"Werte", h.source() + (h.aggregated() ? ", " + h.aggregation() : "")},
        };
        int r = 0;
        for (String[] l : lines) {
            info.value(r, 0, l[0]);
            if (l[1] != null) {
                info.value(r, 1, l[1]);
            } else {
                info.value(r, 1, h.period().hours());
            }
            r++;
        }
        for (String a : h.attribution()) {
            info.value(r, 0, "Quelle");
            info.value(r++, 1, a);
        }
        info.width(0, 16);
        info.width(1, 60);
        info.finish();
        nextSheet();
    }

    private void nextSheet() throws IOException {
        if (sheet != null) {
            sheet.finish();
        }
        sheetNo++;
        sheet = workbook.newWorksheet(sheetNo == 1 ? "Daten" : "Daten " + sheetNo);
        String[] head = {"Zeitreihe", "Anlage", "Größe", "Einheit", "Beginn (lokal)", "Ende (lokal)", "Beginn (UTC)",
            "Wert", aggregated ? "Anzahl Werte" : "Qualität"};
        for (int c = 0; c < head.length; c++) {
            sheet.value(0, c, head[c]);
        }
        sheet.style(0, 0).bold().set();
        sheet.freezePane(0, 1);
        sheet.width(0, 34);
        sheet.width(4, 17);
        sheet.width(5, 17);
        sheet.width(6, 17);
        rowNo = 1;
    }

    @Override
    public void row(FeedRow row) throws IOException {
        if (rowNo > MAX_ROWS) {
            nextSheet();
        }
        SeriesInfo s = series.get(row.seriesId());
        int r = rowNo++;
        sheet.value(r, 0, row.seriesId());
        if (s != null) {
            sheet.value(r, 1, s.assetId());
            sheet.value(r, 2, s.quantity());
            sheet.value(r, 3, s.unit());
        }
        LocalDateTime start = LocalDateTime.ofInstant(row.start(), zone);
        sheet.value(r, 4, start);
        sheet.style(r, 4).format(DATE).set();
        sheet.value(r, 5, LocalDateTime.ofInstant(row.end(), zone));
        sheet.style(r, 5).format(DATE).set();
        sheet.value(r, 6, LocalDateTime.ofInstant(row.start(), ZoneOffset.UTC));
        sheet.style(r, 6).format(DATE).set();
        sheet.value(r, 7, row.value());
        if (aggregated) {
            sheet.value(r, 8, row.count());
        } else if (row.quality() != null) {
            sheet.value(r, 8, row.quality());
        }
        if (r % FLUSH_ROWS == 0) {
            sheet.flush();
        }
    }

    @Override
    public void finish() throws IOException {
        sheet.finish();
        workbook.finish();
        out.flush();
    }
}
