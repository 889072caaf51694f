package de.stadtwerk.hub.forecast;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One hour of the Energiewetter signal.
 *
 * @param start          start of the hour (UTC)
 * @param end            end of the hour
 * @param pvW            expected PV generation, W
 * @param windW          expected wind generation, W
 * @param generationW    expected renewable generation (PV + wind), W
 * @param loadW          expected load, W
 * @param coverage       generation / load (null without a load)
 * @param availability   generation / rated power (null without rated power)
 * @param level          GREEN, YELLOW or RED
 * @param bestWindow     whether the hour belongs to the best window of its day
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignalHour(
        Instant start,
        Instant end,
        double pvW,
        double windW,
        double generationW,
        double loadW,
        Double coverage,
        Double availability,
        SignalLevel level,
        boolean bestWindow) {
}
