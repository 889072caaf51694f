package de.stadtwerk.hub.parse.csv;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;

/**
 * The profile's column references resolved against a file's header rows: a number is a 1-based column, any
 * other text a header name (searched in every header row). Also fills {@code {header:row:column}} in a fixed
 * asset id from a header cell (the DWD station id sits in row 2, column 1).
 */
final class Columns {

    private static final Pattern HEADER_CELL = Pattern.compile("\\{header:(\\d+):(\\d+)}");

    private final CsvProfile profile;
    private final List<CSVRecord> header;
    private final String file;
    private final Map<String, Integer> byName = new HashMap<>();
    private final Map<Integer, String> names = new HashMap<>();
    final int timestamp;
    final int date;
    final int time;
    final int marker;
    final int asset;
    final int status;
    final int[] values;
    final int[] units;

    Columns(CsvProfile profile, List<CSVRecord> header, String file) {
        this.profile = profile;
        this.file = file;
        this.header = header;
        for (CSVRecord r : header) {
            for (int i = 0; i < r.size(); i++) {
                byName.putIfAbsent(r.get(i).trim(), i + 1);
                names.putIfAbsent(i + 1, r.get(i).trim());
            }
        }
        timestamp = find(profile.timestampColumn(), "timestamp.column");
        date = find(profile.dateColumn(), "date.column");
        time = find(profile.timeColumn(), "time.column");
        marker = find(profile.dstMarkerColumn(), "dst.marker.column");
        asset = find(profile.assetColumn(), "asset.column");
        status = find(profile.statusColumn(), "status.column");
        values = new int[profile.values().size()];
        units = new int[profile.values().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = find(profile.values().get(i).column(), "value column");
            units[i] = find(profile.values().get(i).unitColumn(), "unit.column");
        }
    }

    /** The fixed asset id with header cells filled in, or null when the asset comes from a column. */
    String asset() {
        String fixed = profile.fixedAsset();
        if (fixed == null || asset > 0) {
            return asset > 0 ? null : fixed;
        }
        Matcher m = HEADER_CELL.matcher(fixed);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            int row = Integer.parseInt(m.group(1));
            int col = Integer.parseInt(m.group(2));
            if (row > header.size() || col > header.get(row - 1).size()) {
                throw new CsvInputException(file, row, col, null, "the asset id of profile '" + profile.name()
                        + "' is taken from here, but the header has no such cell");
            }
            m.appendReplacement(b, Matcher.quoteReplacement(header.get(row - 1).get(col - 1).trim()));
        }
        m.appendTail(b);
        return b.toString();
    }

    String name(int column) {
        return names.get(column);
    }

    private int find(String ref, String key) {
        if (ref == null) {
            return 0;
        }
        if (ref.matches("\\d+")) {
            return Integer.parseInt(ref);
        }
        Integer i = byName.get(ref);
        if (i == null) {
            throw new CsvInputException(file, header.size(), 0, null, "no header column named '" + ref + "' ("
                    + key + " of CSV profile '" + profile.name() + "')"
                    + (header.isEmpty() ? ": the profile has no header rows" : ""));
        }
        return i;
    }
}
