package de.stadtwerk.hub.parse.csv;

import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import de.stadtwerk.hub.model.Quantity;
import de.stadtwerk.hub.parse.csv.CsvProfile.TimeLabel;
import de.stadtwerk.hub.parse.csv.CsvProfile.ValueColumn;
import de.stadtwerk.hub.store.SeriesIds;
import de.stadtwerk.hub.transform.Decimals;
import de.stadtwerk.hub.transform.Units;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a German meter-data CSV export as its {@link CsvProfile} describes it and streams canonical
 * observations (UTC, canonical unit) to a callback, one row at a time. The first bad cell stops the file with
 * a {@link CsvInputException} naming line and column; observations already delivered must then be discarded
 * by the caller (the route quarantines the whole file).
 */
public final class MeterCsvReader {

    private final CsvProfile profile;
    private final DecimalParser numbers;
    private final DateTimeFormatter timestampFormat;
    private final DateTimeFormatter dateFormat;
    private final DateTimeFormatter timeFormat;

    public MeterCsvReader(CsvProfile profile) {
        this.profile = profile;
        this.numbers = new DecimalParser(profile.decimalSeparator(), profile.thousandsSeparator());
        this.timestampFormat = formatter(profile.timestampPattern());
        this.dateFormat = formatter(profile.datePattern());
        this.timeFormat = formatter(profile.timePattern());
    }

    /** Streams the observations of {@code in} (named {@code fileName} in errors) to {@code sink}. */
    public CsvReadSummary read(InputStream in, String fileName, Consumer<Observation> sink) {
        BufferedInputStream b = new BufferedInputStream(in);
        Charset cs = skipBom(b) ? StandardCharsets.UTF_8 : profile.encoding();
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(profile.delimiter()).setIgnoreEmptyLines(false)
                .setTrim(true).get();
        try (CSVParser parser = CSVParser.builder().setReader(new InputStreamReader(b, cs)).setFormat(format).get()) {
            Rows rows = new Rows(fileName);
            for (CSVRecord record : parser) {
                rows.accept(record, sink);
            }
            if (rows.header.size() < profile.headerRows()) {
                throw new CsvInputException(fileName, rows.header.size(), 0, null, "the file ends inside its "
                        + profile.headerRows() + " header rows");
            }
            return new CsvReadSummary(rows.rows, rows.observations, rows.missing);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.io.UncheckedIOException e) {
            throw new CsvInputException(fileName, 0, 0, null, "not a readable CSV file: " + e.getMessage());
        }
    }

    public List<Observation> readAll(InputStream in, String fileName) {
        List<Observation> all = new ArrayList<>();
        read(in, fileName, all::add);
        return all;
    }

    public List<Observation> readAll(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return readAll(in, file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** State of one file: header, resolved columns, counters. */
    private final class Rows {
        final String file;
        final List<CSVRecord> header = new ArrayList<>();
        final LocalTimeResolver times = new LocalTimeResolver(profile.zone());
        Columns columns;
        String fixedAsset;
        long rows;
        long observations;
        long missing;

        Rows(String file) {
            this.file = file;
        }

        void accept(CSVRecord r, Consumer<Observation> sink) {
            long line = r.getRecordNumber();
            if (header.size() < profile.headerRows()) {
                header.add(r);
                return;
            }
            if (columns == null) {
                columns = new Columns(profile, header, file);
                fixedAsset = columns.asset();
            }
            if (r.size() == 1 && r.get(0).isEmpty()) {
                return;
            }
            rows++;
            String asset = fixedAsset != null ? fixedAsset : cell(r, line, columns.asset);
            if (asset.isEmpty()) {
                throw error(line, columns.asset, "the asset id is empty");
            }
            Instant at = time(r, line, asset);
            Quality quality = status(r, line);
            for (int i = 0; i < profile.values().size(); i++) {
                ValueColumn vc = profile.values().get(i);
                int col = columns.values[i];
                String text = cell(r, line, col);
                if (text.isEmpty() || profile.missingValues().contains(text)) {
                    missing++;
                    continue;
                }
                double value;
                try {
                    value = numbers.parse(text);
                } catch (NumberFormatException e) {
                    throw error(line, col, e.getMessage());
                }
                String unit = vc.unit() != null ? vc.unit() : cell(r, line, columns.units[i]);
                String canonical = Quantity.ofCode(vc.quantity()).canonicalUnit();
                try {
                    value = Decimals.tidy(Units.convert(value, unit, canonical));
                } catch (IllegalArgumentException e) {
                    throw error(line, vc.unit() != null ? col : columns.units[i], e.getMessage());
                }
                Instant start = vc.timeLabel() == TimeLabel.END ? at.minus(vc.interval()) : at;
                Instant end = vc.timeLabel() == TimeLabel.START ? at.plus(vc.interval()) : at;
                String quantity = Quantity.ofCode(vc.quantity()).code();
                sink.accept(new Observation(seriesId(i, asset, quantity, vc.qualifier()), asset, quantity, value,
                        canonical, start, end, quality, profile.source(), null));
                observations++;
            }
        }

        private final String[] lastAsset = new String[profile.values().size()];
        private final String[] lastSeriesId = new String[profile.values().size()];

        /** The series id of value column {@code i}, one String instance while the asset repeats (hash computed once). */
        private String seriesId(int i, String asset, String quantity, String qualifier) {
            if (!asset.equals(lastAsset[i])) {
                lastAsset[i] = asset;
                lastSeriesId[i] = SeriesIds.of(asset, quantity, qualifier);
            }
            return lastSeriesId[i];
        }

        private Instant time(CSVRecord r, long line, String asset) {
            int col = profile.timestampColumn() != null ? columns.timestamp : columns.date;
            LocalDateTime local;
            try {
                if (profile.timestampColumn() != null) {
                    String t = cell(r, line, col);
                    boolean midnight = t.endsWith("24:00");
                    local = LocalDateTime.parse(midnight ? t.replace("24:00", "00:00") : t, timestampFormat);
                    local = midnight ? local.plusDays(1) : local;
                } else {
                    LocalDate d = LocalDate.parse(cell(r, line, col), dateFormat);
                    col = columns.time;
                    String t = cell(r, line, col);
                    local = t.equals("24:00") ? d.plusDays(1).atStartOfDay() : d.atTime(LocalTime.parse(t, timeFormat));
                }
            } catch (DateTimeParseException e) {
                throw error(line, col, "'" + e.getParsedString() + "' does not match the pattern '"
                        + (col == columns.time ? profile.timePattern() : profile.timestampColumn() != null
                        ? profile.timestampPattern() : profile.datePattern()) + "'");
            }
            Boolean earlier = null;
            if (columns.marker > 0) {
                String m = cell(r, line, columns.marker);
                if (m.equalsIgnoreCase(profile.dstMarkerEarlier())) {
                    earlier = Boolean.TRUE;
                } else if (m.equalsIgnoreCase(profile.dstMarkerLater())) {
                    earlier = Boolean.FALSE;
                } else if (!m.isEmpty()) {
                    throw error(line, columns.marker, "DST marker '" + m + "' is neither '" + profile.dstMarkerEarlier()
                            + "' nor '" + profile.dstMarkerLater() + "'");
                }
            }
            try {
                return times.resolve(local, asset, earlier);
            } catch (LocalTimeResolver.UnresolvableTimeException e) {
                throw error(line, col, e.getMessage());
            }
        }

        private Quality status(CSVRecord r, long line) {
            if (columns.status <= 0) {
                return Quality.MEASURED;
            }
            String s = cell(r, line, columns.status);
            if (s.isEmpty()) {
                return Quality.MEASURED;
            }
            Quality q = profile.statusQualities().get(s);
            if (q == null) {
                q = profile.unknownStatus();
            }
            if (q == null) {
                throw error(line, columns.status, "unknown status '" + s + "' (known: "
                        + profile.statusQualities().keySet().stream().sorted().toList() + ")");
            }
            return q;
        }

        private String cell(CSVRecord r, long line, int column) {
            if (column > r.size()) {
                throw error(line, column, "the line has only " + r.size() + " columns");
            }
            return r.get(column - 1);
        }

        private CsvInputException error(long line, int column, String message) {
            return new CsvInputException(file, line, column, columns == null ? null : columns.name(column), message);
        }
    }

    private static boolean skipBom(BufferedInputStream in) {
        try {
            in.mark(3);
            byte[] head = in.readNBytes(3);
            if (head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
                return true;
            }
            in.reset();
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DateTimeFormatter formatter(String pattern) {
        if (pattern == null) {
            return null;
        }
        try {
            return DateTimeFormatter.ofPattern(pattern.replace('y', 'u')).withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
            throw new CsvProfileException("'" + pattern + "' is not a date/time pattern: " + e.getMessage());
        }
    }
}
