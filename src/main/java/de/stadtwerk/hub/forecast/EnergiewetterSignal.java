package de.stadtwerk.hub.forecast;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The Energiewetter signal for an area: hour by hour generation, load, coverage, availability and level, and the
 * best window of each day. Serialisable as is (JSON via Jackson with the JSR-310 module).
 *
 * @param area        area id (utility area, district or postcode)
 * @param issuedAt    when it was computed
 * @param ratedPowerW installed renewable power counted, W
 * @param metric      the figure the levels are based on
 * @param greenFrom   threshold of GREEN
 * @param yellowFrom  threshold of YELLOW
 * @param hours       the hours, in time order
 * @param bestWindows one per local day that has a full window
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnergiewetterSignal(
        String area,
        Instant issuedAt,
        double ratedPowerW,
        SignalThresholds.Metric metric,
        double greenFrom,
        double yellowFrom,
        List<SignalHour> hours,
        List<BestWindow> bestWindows) {

    public EnergiewetterSignal {
        hours = List.copyOf(hours);
        bestWindows = List.copyOf(bestWindows);
    }
}
