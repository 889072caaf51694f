package de.stadtwerk.hub.parse.openmeteo;

import java.time.Instant;

/**
 * One value of an Open-Meteo answer in canonical units and UTC, before it becomes an observation or a forecast.
 */
public record OpenMeteoValue(String seriesId, String assetId, String quantity, double value, String unit,
                             Instant start, Instant end) {
}
