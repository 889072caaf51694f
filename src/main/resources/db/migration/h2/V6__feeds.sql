-- Feeds (H2): the delivery log of the scheduled department feeds (publish.feed). Same table as on PostgreSQL.
-- One row per delivery of a feed for a period; a resend updates its row (attempts add up, resends counts them).
CREATE TABLE feed_delivery (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    feed_id      VARCHAR(100)             NOT NULL,
    period_from  TIMESTAMP WITH TIME ZONE NOT NULL,
    period_to    TIMESTAMP WITH TIME ZONE NOT NULL,
    file_name    VARCHAR(300),
    row_count    BIGINT,
    destination  VARCHAR(1000)            NOT NULL,
    outcome      VARCHAR(16)              NOT NULL,
    attempts     INTEGER DEFAULT 0        NOT NULL,
    resends      INTEGER DEFAULT 0        NOT NULL,
    error        VARCHAR(4000),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX feed_delivery_feed_idx ON feed_delivery (feed_id, period_from);
CREATE INDEX feed_delivery_outcome_idx ON feed_delivery (outcome, updated_at);
