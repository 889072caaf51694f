package de.stadtwerk.hub.publish.export;

/** Sends a parked batch of one push target again (the same requests as a normal run). */
public interface DeadLetterReplayer {

    /** The target whose entries this replayer handles ({@link DeadLetter#target()}). */
    String target();

    /**
     * Sends the batch again.
     *
     * @throws ExportFailedException when the target still does not take it (after its attempts)
     */
    void replay(DeadLetter letter);
}
