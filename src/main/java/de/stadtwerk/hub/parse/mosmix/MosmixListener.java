package de.stadtwerk.hub.parse.mosmix;

import de.stadtwerk.hub.model.Forecast;
import java.util.List;

/**
 * Receives a MOSMIX document while it is streamed: the header once, then each selected station with its
 * forecasts. MOSMIX_S for all stations holds millions of values; a listener can pass them on per station
 * instead of holding them all.
 */
public interface MosmixListener {

    default void header(MosmixHeader header) {
    }

    void station(MosmixStation station, List<Forecast> forecasts);
}
