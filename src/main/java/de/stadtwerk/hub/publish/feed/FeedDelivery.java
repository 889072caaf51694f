package de.stadtwerk.hub.publish.feed;

import java.time.Instant;

/**
 * One entry of the delivery log: a feed delivered (or not) for a period.
 *
 * @param id          log id, used by {@link FeedDeliveries#resend(long)}
 * @param feedId      feed id
 * @param periodFrom  period start (UTC)
 * @param periodTo    period end (UTC, exclusive)
 * @param fileName    the delivered file's name, once written
 * @param rows        rows written, once written
 * @param destination where it went, without secrets ({@code file:…}, {@code sftp:…}, {@code mail:…})
 * @param outcome     {@link #RUNNING}, {@link #DELIVERED} or {@link #FAILED}
 * @param attempts    delivery attempts so far (redeliveries and resends included)
 * @param resends     how often it was sent again by hand
 * @param error       the cause of the last failure, or null
 * @param createdAt   when the first run started
 * @param updatedAt   last change
 */
public record FeedDelivery(long id, String feedId, Instant periodFrom, Instant periodTo, String fileName, Long rows,
                           String destination, String outcome, int attempts, int resends, String error,
                           Instant createdAt, Instant updatedAt) {

    public static final String RUNNING = "RUNNING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";
}
