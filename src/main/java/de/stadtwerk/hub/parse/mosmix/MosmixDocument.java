package de.stadtwerk.hub.parse.mosmix;

import de.stadtwerk.hub.model.Forecast;
import java.util.List;

/** A parsed MOSMIX document: its header, the selected stations and their forecasts. */
public record MosmixDocument(MosmixHeader header, List<MosmixStation> stations, List<Forecast> forecasts) {

    public MosmixDocument {
        stations = List.copyOf(stations);
        forecasts = List.copyOf(forecasts);
    }
}
