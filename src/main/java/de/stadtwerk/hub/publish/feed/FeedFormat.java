package de.stadtwerk.hub.publish.feed;

import java.util.Arrays;
import java.util.Locale;

/** The file formats of a feed. */
public enum FeedFormat {
    /** German Excel CSV: semicolon, decimal comma, UTF-8 with BOM, local and UTC time columns. */
    CSV_DE("csv-de", "text/csv; charset=UTF-8"),
    /** Excel workbook (Office Open XML), written as a stream. */
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    /** JSON: a header object and the rows as an array, written as a stream. */
    JSON("json", "application/json");

    private final String code;
    private final String contentType;

    FeedFormat(String code, String contentType) {
        this.code = code;
        this.contentType = contentType;
    }

    public String code() {
        return code;
    }

    public String contentType() {
        return contentType;
    }

    public static FeedFormat ofCode(String code) {
        String c = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.code.equals(c)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown format '" + code + "', expected csv-de, xlsx or json"));
    }
}
