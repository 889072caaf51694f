package de.stadtwerk.hub.parse.csv;

import de.stadtwerk.hub.quarantine.BadInputException;

/** A CSV file that does not match its profile; the message names file, line and column. */
public class CsvInputException extends BadInputException {

    private final long line;
    private final int column;

    public CsvInputException(String file, long line, int column, String columnName, String message) {
        super(file + ", line " + line + (column > 0 ? ", column " + column
                + (columnName != null && !columnName.isBlank() ? " (" + columnName + ")" : "") : "") + ": " + message);
        this.line = line;
        this.column = column;
    }

    /** 1-based line of the file. */
    public long line() {
        return line;
    }

    /** 1-based column, or 0 when the whole line is meant. */
    public int column() {
        return column;
    }
}
