package de.stadtwerk.hub.legacy;

import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.quarantine.Rejection;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * One kind of legacy file, as {@link FileImport} reads it: streams the observations of a file to a sink.
 * Throws a {@link de.stadtwerk.hub.quarantine.BadInputException} when the file cannot be read as a whole.
 */
public interface FileFormat {

    /** Name of the drop, e.g. {@code mscons} or {@code csv/lastgang-15min}; stored with the import record. */
    String dropName();

    /**
     * Reads {@code in} and passes every usable observation to {@code sink}.
     *
     * @return the parts of the file that were skipped (e.g. broken MSCONS messages), for the quarantine
     */
    List<Rejection> read(InputStream in, String fileName, Consumer<Observation> sink);
}
