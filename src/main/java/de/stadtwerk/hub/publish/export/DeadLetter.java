package de.stadtwerk.hub.publish.export;

import java.time.Instant;

/**
 * A batch a push target did not take (table {@code export_dead_letter}).
 *
 * @param target    {@code ckan} or {@code sensorthings}
 * @param itemKey   the dataset name (CKAN) or the series id (SensorThings)
 * @param payload   the batch as JSON, as it will be sent again
 * @param itemCount resources or observations in it
 * @param cause     why it was parked (the last failure, one line)
 * @param attempts  attempts made before it was parked (and by failed replays)
 * @param status    {@link #PARKED}, {@link #REPLAYED}, or {@link #SUPERSEDED} (a later run sent the item anyway)
 * @param replays   how often an operator sent it again
 */
public record DeadLetter(long id, String target, String itemKey, String payload, int itemCount, String cause,
                         int attempts, String status, int replays, Instant createdAt, Instant updatedAt) {

    public static final String PARKED = "PARKED";
    public static final String REPLAYED = "REPLAYED";
    public static final String SUPERSEDED = "SUPERSEDED";
}
