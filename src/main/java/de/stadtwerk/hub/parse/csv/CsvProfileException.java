package de.stadtwerk.hub.parse.csv;

/** A CSV profile that cannot be used: a key is missing, malformed, or names a column the file lacks. */
public class CsvProfileException extends IllegalArgumentException {
    public CsvProfileException(String message) {
        super(message);
    }
}
