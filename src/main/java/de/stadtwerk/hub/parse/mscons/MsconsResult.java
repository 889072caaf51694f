package de.stadtwerk.hub.parse.mscons;

import de.stadtwerk.hub.model.Observation;
import java.util.List;

/**
 * The whole result of a small interchange: the observations of the good messages and the errors of the others.
 */
public record MsconsResult(List<Observation> observations, MsconsSummary summary) {

    public MsconsResult {
        observations = List.copyOf(observations);
    }

    public List<MessageError> errors() {
        return summary.errors();
    }
}
