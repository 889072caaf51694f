package de.stadtwerk.hub.forecast;

/** The Energiewetter traffic light: GREEN much local renewable power, YELLOW some, RED little. */
public enum SignalLevel {
    GREEN, YELLOW, RED
}
