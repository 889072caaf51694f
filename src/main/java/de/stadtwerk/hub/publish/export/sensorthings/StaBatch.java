package de.stadtwerk.hub.publish.export.sensorthings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The observations of one series pushed in one request; its JSON form is what a dead-letter entry keeps. */
public record StaBatch(String seriesId, List<StaObservation> observations) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public StaBatch {
        observations = List.copyOf(observations);
    }

    public StaObservation last() {
        return observations.get(observations.size() - 1);
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("series", seriesId);
        ArrayNode arr = root.putArray("observations");
        for (StaObservation o : observations) {
            ObjectNode n = arr.addObject();
            n.put("start", o.start().toString());
            n.put("end", o.end().toString());
            n.put("value", o.value());
            n.put("quality", o.quality());
        }
        return root.toString();
    }

    public static StaBatch fromJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<StaObservation> obs = new ArrayList<>();
            for (JsonNode n : root.path("observations")) {
                obs.add(new StaObservation(Instant.parse(n.path("start").asText()), Instant.parse(n.path("end").asText()),
                        n.path("value").asDouble(), n.path("quality").asText()));
            }
            return new StaBatch(root.path("series").asText(), obs);
        } catch (Exception e) {
            throw new IllegalArgumentException("dead-letter payload is not a SensorThings batch: " + e.getMessage(), e);
        }
    }
}
