package de.stadtwerk.hub.field.mqtt.mapping;

/** A payload that a mapping cannot turn into observations; the message says what is wrong and where. */
public class PayloadException extends RuntimeException {

    public PayloadException(String message) {
        super(message);
    }
}
