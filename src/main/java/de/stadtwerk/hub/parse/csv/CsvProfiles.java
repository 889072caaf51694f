package de.stadtwerk.hub.parse.csv;

import de.stadtwerk.hub.model.Quality;
import de.stadtwerk.hub.model.Quantity;
import de.stadtwerk.hub.parse.csv.CsvProfile.TimeLabel;
import de.stadtwerk.hub.parse.csv.CsvProfile.ValueColumn;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads {@link CsvProfile}s from {@code .properties} files (read as UTF-8, so umlauts in header names and status
 * codes work). Keys and defaults are listed in {@code docs/formats-legacy.md}.
 */
public final class CsvProfiles {

    private CsvProfiles() {
    }

    /** Loads {@code <dir>/<name>.properties}. */
    public static CsvProfile load(Path dir, String name) {
        return load(dir.resolve(name + ".properties"));
    }

    public static CsvProfile load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CSV profile " + file, e);
        }
        String name = file.getFileName().toString().replaceFirst("\\.properties$", "");
        return fromProperties(name, p);
    }

    public static CsvProfile fromProperties(String name, Properties p) {
        Keys k = new Keys(name, p);
        String timestamp = k.opt("timestamp.column");
        String date = k.opt("date.column");
        if (timestamp == null && date == null) {
            throw k.error("timestamp.column", "is missing (or give date.column and time.column)");
        }
        TimeLabel label = k.label("time.label", TimeLabel.START);
        Duration interval = k.duration("interval", label == TimeLabel.INSTANT ? Duration.ZERO : null);
        List<ValueColumn> values = values(k, label, interval);
        Map<String, Quality> statuses = new HashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("status.map.")) {
                statuses.put(key.substring("status.map.".length()), k.quality(key));
            }
        }
        String unknownStatus = k.opt("status.unknown");
        String thousands = p.getProperty("thousands.separator", "");
        return new CsvProfile(name, k.charset("encoding", StandardCharsets.UTF_8), k.ch("delimiter", ';'),
                k.integer("header.rows", 1), k.ch("decimal.separator", ','),
                thousands.isEmpty() ? null : thousands.charAt(0), k.list("missing.values"),
                timestamp, timestamp == null ? null : k.opt("timestamp.pattern", "dd.MM.yyyy HH:mm"),
                date, date == null ? null : k.opt("date.pattern", "dd.MM.yyyy"),
                date == null ? null : k.req("time.column"), date == null ? null : k.opt("time.pattern", "HH:mm"),
                k.zone("time.zone"), k.opt("dst.marker.column"), k.opt("dst.marker.earlier", "A"),
                k.opt("dst.marker.later", "B"), k.opt("asset.column"), k.opt("asset"), k.opt("status.column"),
                statuses, unknownStatus == null ? null : k.quality("status.unknown"), values,
                k.opt("source", "csv:" + name));
    }

    private static List<ValueColumn> values(Keys k, TimeLabel label, Duration interval) {
        List<ValueColumn> out = new ArrayList<>();
        if (k.opt("value.column") != null) {
            out.add(value(k, "", label, interval));
        }
        Set<Integer> numbers = new TreeSet<>();
        for (String key : k.p.stringPropertyNames()) {
            if (key.matches("value\\.\\d+\\.column")) {
                numbers.add(Integer.parseInt(key.split("\\.")[1]));
            }
        }
        for (int n : numbers) {
            out.add(value(k, "value." + n + ".", label, interval));
        }
        if (out.isEmpty()) {
            throw k.error("value.column", "is missing (or give value.1.column, value.2.column …)");
        }
        if (k.opt("asset.column") == null && k.opt("asset") == null) {
            throw k.error("asset", "is missing: give asset.column or a fixed asset");
        }
        return out;
    }

    private static ValueColumn value(Keys k, String prefix, TimeLabel label, Duration interval) {
        String column = k.req(prefix.isEmpty() ? "value.column" : prefix + "column");
        String quantity = k.req(prefix + "quantity");
        if (!Quantity.isKnown(quantity)) {
            throw k.error(prefix + "quantity", "'" + quantity + "' is not a known quantity");
        }
        String unit = k.opt(prefix + "unit");
        String unitColumn = k.opt(prefix.isEmpty() ? "unit.column" : prefix + "unit.column");
        if (unit == null && unitColumn == null) {
            unit = Quantity.ofCode(quantity).canonicalUnit();
        }
        TimeLabel l = k.label(prefix + "time.label", label);
        Duration i = k.duration(prefix + "interval", interval);
        if (l != TimeLabel.INSTANT && (i == null || i.isZero() || i.isNegative())) {
            throw k.error(prefix + "interval", "is needed (e.g. PT15M) when times label interval "
                    + l.name().toLowerCase(Locale.ROOT) + "s");
        }
        return new ValueColumn(column, quantity, unit, unitColumn, k.opt(prefix + "qualifier"), l,
                l == TimeLabel.INSTANT ? Duration.ZERO : i);
    }

    /** Typed access to the properties, with errors that name the profile and the key. */
    private record Keys(String name, Properties p) {

        String opt(String key) {
            String v = p.getProperty(key);
            return v == null || v.isBlank() ? null : v.trim();
        }

        String opt(String key, String def) {
            String v = opt(key);
            return v == null ? def : v;
        }

        String req(String key) {
            String v = opt(key);
            if (v == null) {
                throw error(key, "is missing");
            }
            return v;
        }

        char ch(String key, char def) {
            String v = p.getProperty(key);
            if (v == null || v.isEmpty()) {
                return def;
            }
            if (v.equalsIgnoreCase("tab") || v.equals("\\t")) {
                return '\t';
            }
            if (v.length() != 1) {
                throw error(key, "must be one character, found '" + v + "'");
            }
            return v.charAt(0);
        }

        int integer(String key, int def) {
            String v = opt(key);
            try {
                return v == null ? def : Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw error(key, "'" + v + "' is not a whole number");
            }
        }

        Set<String> list(String key) {
            Set<String> out = new LinkedHashSet<>();
            String v = p.getProperty(key);
            if (v != null) {
                for (String s : v.split("\\|")) {
                    if (!s.isBlank()) {
                        out.add(s.trim());
                    }
                }
            }
            return out;
        }

        Charset charset(String key, Charset def) {
            String v = opt(key);
            try {
                return v == null ? def : Charset.forName(v);
            } catch (IllegalArgumentException e) {
                throw error(key, "'" + v + "' is not a known character set");
            }
        }

        ZoneId zone(String key) {
            String v = opt(key, "Europe/Berlin");
            try {
                return ZoneId.of(v);
            } catch (java.time.DateTimeException e) {
                throw error(key, "'" + v + "' is not a time zone");
            }
        }

        TimeLabel label(String key, TimeLabel def) {
            String v = opt(key);
            try {
                return v == null ? def : TimeLabel.valueOf(v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error(key, "'" + v + "' must be start, end or instant");
            }
        }

        Duration duration(String key, Duration def) {
            String v = opt(key);
            try {
                return v == null ? def : Duration.parse(v);
            } catch (java.time.format.DateTimeParseException e) {
                throw error(key, "'" + v + "' is not an ISO-8601 duration such as PT15M");
            }
        }

        Quality quality(String key) {
            try {
                return Quality.parse(p.getProperty(key));
            } catch (IllegalArgumentException e) {
                throw error(key, e.getMessage());
            }
        }

        CsvProfileException error(String key, String what) {
            return new CsvProfileException("CSV profile '" + name + "', key " + key + ": " + what);
        }
    }
}
