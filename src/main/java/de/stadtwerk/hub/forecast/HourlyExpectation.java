package de.stadtwerk.hub.forecast;

import java.time.Instant;

/** The inputs of one signal hour: expected PV, wind and load in W over [start, end). */
public record HourlyExpectation(Instant start, Instant end, double pvW, double windW, double loadW) {
}
