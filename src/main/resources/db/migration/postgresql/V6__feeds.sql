-- Feeds (PostgreSQL): the delivery log of the scheduled department feeds (publish.feed). Same table as on H2.
-- One row per delivery of a feed for a period; a resend updates its row (attempts add up, resends counts them).
CREATE TABLE feed_delivery (
    id           BIGSERIAL PRIMARY KEY,
    feed_id      VARCHAR(100)  NOT NULL,
    period_from  TIMESTAMPTZ   NOT NULL,
    period_to    TIMESTAMPTZ   NOT NULL,
    file_name    VARCHAR(300),
    row_count    BIGINT,
    destination  VARCHAR(1000) NOT NULL,
    outcome      VARCHAR(16)   NOT NULL,
    attempts     INTEGER       NOT NULL DEFAULT 0,
    resends      INTEGER       NOT NULL DEFAULT 0,
    error        VARCHAR(4000),
    created_at   TIMESTAMPTZ   NOT NULL,
    updated_at   TIMESTAMPTZ   NOT NULL
);
CREATE INDEX feed_delivery_feed_idx ON feed_delivery (feed_id, period_from);
CREATE INDEX feed_delivery_outcome_idx ON feed_delivery (outcome, updated_at);
