package de.stadtwerk.hub.parse.mscons;

import de.stadtwerk.hub.model.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Holds one message's observations until its UNT is checked, then passes them on or drops them. */
final class PerMessageBuffer implements MsconsListener {

    private final Consumer<Observation> sink;
    private final List<Observation> held = new ArrayList<>();

    PerMessageBuffer(Consumer<Observation> sink) {
        this.sink = sink;
    }

    @Override
    public void observation(String messageRef, Observation observation) {
        held.add(observation);
    }

    @Override
    public void messageEnded(String messageRef, int observations) {
        held.forEach(sink);
        held.clear();
    }

    @Override
    public void messageFailed(MessageError error, int delivered) {
        held.clear();
    }
}
