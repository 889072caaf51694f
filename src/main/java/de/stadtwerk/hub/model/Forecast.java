package de.stadtwerk.hub.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A forecast value: like an {@link Observation}, plus when it was issued and by which model. Identity is
 * ({@code seriesId}, {@code start}, {@code end}, {@code issuedAt}), so every issue is kept and forecasts can be
 * compared with the outcome later.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Forecast(
        String seriesId,
        String assetId,
        String quantity,
        double value,
        String unit,
        Instant start,
        Instant end,
        Instant issuedAt,
        String model,
        String source) {

    public Forecast {
        if (end == null) {
            end = start;
        }
    }
}
