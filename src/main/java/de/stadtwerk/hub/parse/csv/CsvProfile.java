package de.stadtwerk.hub.parse.csv;

import de.stadtwerk.hub.model.Quality;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to read one kind of meter-data CSV export; loaded from {@code config/csv-profiles/<name>.properties} by
 * {@link CsvProfiles} (the keys are documented there and in {@code docs/formats-legacy.md}). Columns are
 * named by their 1-based number or by a header name.
 *
 * @param name               profile name (file name without .properties)
 * @param encoding           file encoding; a UTF-8 byte order mark always wins
 * @param delimiter          field delimiter
 * @param headerRows         rows before the data
 * @param decimalSeparator   decimal mark of numbers
 * @param thousandsSeparator grouping mark of numbers, or null
 * @param missingValues      cell texts that mean "no value" (an empty cell always does)
 * @param timestampColumn    column with date and time, or null when date and time are separate
 * @param timestampPattern   pattern of {@code timestampColumn}, e.g. {@code dd.MM.yyyy HH:mm}
 * @param dateColumn         column with the date (when {@code timestampColumn} is null)
 * @param datePattern        pattern of {@code dateColumn}
 * @param timeColumn         column with the time of day
 * @param timePattern        pattern of {@code timeColumn}
 * @param zone               zone of the local times (Europe/Berlin, or UTC)
 * @param dstMarkerColumn    column telling the two occurrences of the repeated autumn hour apart, or null
 * @param dstMarkerEarlier   marker text of the first (summer-time) occurrence, e.g. {@code A}
 * @param dstMarkerLater     marker text of the second (winter-time) occurrence, e.g. {@code B}
 * @param assetColumn        column with the asset id, or null
 * @param fixedAsset         asset id when there is no asset column
 * @param statusColumn       column with a status code, or null
 * @param statusQualities    status code → quality
 * @param unknownStatus      quality of a status code not in the map; null makes it an error
 * @param values             the value columns (one series each)
 * @param source             lineage written into the observations
 */
public record CsvProfile(String name, Charset encoding, char delimiter, int headerRows, char decimalSeparator,
                         Character thousandsSeparator, Set<String> missingValues,
                         String timestampColumn, String timestampPattern, String dateColumn, String datePattern,
                         String timeColumn, String timePattern, ZoneId zone,
                         String dstMarkerColumn, String dstMarkerEarlier, String dstMarkerLater,
                         String assetColumn, String fixedAsset, String statusColumn,
                         Map<String, Quality> statusQualities, Quality unknownStatus,
                         List<ValueColumn> values, String source) {

    /** Whether a time labels the start or the end of the interval its value covers, or an instant. */
    public enum TimeLabel { START, END, INSTANT }

    /**
     * One value column.
     *
     * @param column     the column holding the number
     * @param quantity   quantity code from the vocabulary
     * @param unit       unit of the numbers, or null when {@code unitColumn} gives it per row
     * @param unitColumn column with the unit per row, or null
     * @param qualifier  series qualifier (e.g. an OBIS code), or null
     * @param timeLabel  what the row's time labels for this column
     * @param interval   the interval length (for START/END)
     */
    public record ValueColumn(String column, String quantity, String unit, String unitColumn, String qualifier,
                              TimeLabel timeLabel, Duration interval) {
    }

    public CsvProfile {
        missingValues = Set.copyOf(missingValues);
        statusQualities = Map.copyOf(statusQualities);
        values = List.copyOf(values);
    }
}
