package de.stadtwerk.hub.opendata;

import java.time.Duration;

/**
 * One fetch of an open-data source: the live URL, the name of its recording for replay mode, and what the import
 * needs to interpret the answer.
 *
 * @param source      lineage and circuit-breaker name, e.g. {@code dwd-mosmix}
 * @param routeId     the route that asked (recorded with a quarantined answer)
 * @param url         the live URL
 * @param replayName  path of the recorded answer under the replay folder, e.g. {@code dwd/MOSMIX_L_LATEST_P0036.kmz}
 * @param subject     what was asked for (station id, SMARD request, site, query …), for the import
 * @param maxBytes    largest answer accepted; a larger one is rejected
 * @param toFile      true: the body is streamed to a file (large exports), else held in memory
 * @param keepBody    true: the body is kept with the validators, so that a 304 still yields it (small indexes)
 * @param bodyTimeout how long reading the body may take
 */
public record OpenDataRequest(String source, String routeId, String url, String replayName, Object subject,
                              long maxBytes, boolean toFile, boolean keepBody, Duration bodyTimeout) {

    /** The subject as the given type; fails clearly if a route mixed up its beans. */
    public <T> T subject(Class<T> type) {
        if (!type.isInstance(subject)) {
            throw new IllegalStateException("request " + url + " carries " + subject + ", expected a " + type.getSimpleName());
        }
        return type.cast(subject);
    }

    @Override
    public String toString() {
        return source + " " + url;
    }
}
