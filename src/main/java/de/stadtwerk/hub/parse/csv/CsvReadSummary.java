package de.stadtwerk.hub.parse.csv;

/**
 * What a CSV file held.
 *
 * @param rows         data rows read (header rows not counted)
 * @param observations observations delivered
 * @param missing      cells that were empty or a configured missing marker (e.g. {@code ---})
 */
public record CsvReadSummary(long rows, long observations, long missing) {
}
