package de.stadtwerk.hub.parse.mosmix;

import java.time.Instant;
import java.util.List;

/**
 * The product definition of a MOSMIX document.
 *
 * @param product           {@code MOSMIX_L} or {@code MOSMIX_S} (from the KMZ entry name, else the parser's default)
 * @param issueTime         {@code dwd:IssueTime}: when the forecast was issued (UTC)
 * @param generatingProcess {@code dwd:GeneratingProcess}, e.g. "DWD MOSMIX hourly, Version 1.0"
 * @param timeSteps         {@code dwd:ForecastTimeSteps}, in document order (UTC)
 * @param undefSign         the sign for a missing value ({@code dwd:DefaultUndefSign}, normally "-")
 */
public record MosmixHeader(String product, Instant issueTime, String generatingProcess, List<Instant> timeSteps,
                           String undefSign) {

    public MosmixHeader {
        timeSteps = List.copyOf(timeSteps);
    }

    /** The model name used in {@link de.stadtwerk.hub.model.Forecast#model()}, e.g. "DWD MOSMIX_L". */
    public String model() {
        return "DWD " + product;
    }
}
