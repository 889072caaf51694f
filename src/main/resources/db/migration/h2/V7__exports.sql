-- Open-data exports (H2): SensorThings mapping and watermarks, and the dead-letter table of the push targets
-- (publish.export). Same tables as on PostgreSQL.

-- Which SensorThings entity a hub object became: kind THING / LOCATION / SENSOR / OBSERVED_PROPERTY / DATASTREAM,
-- hub_id the stable id the hub also writes into the entity's properties/hubId, sta_id the server's @iot.id.
CREATE TABLE sta_entity (
    kind       VARCHAR(32)              NOT NULL,
    hub_id     VARCHAR(300)             NOT NULL,
    sta_id     VARCHAR(200)             NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (kind, hub_id)
);

-- Per series: the newest observation (start, end) handed to the SensorThings server (pushed or parked).
CREATE TABLE sta_watermark (
    series_id  VARCHAR(200)             PRIMARY KEY,
    last_start TIMESTAMP WITH TIME ZONE NOT NULL,
    last_end   TIMESTAMP WITH TIME ZONE NOT NULL,
    pushed     BIGINT DEFAULT 0         NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A batch a push target did not take after its retries: target (ckan | sensorthings), the item (dataset name or
-- series id), the batch as JSON, the cause. PARKED until an operator replays it (then REPLAYED).
CREATE TABLE export_dead_letter (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    target      VARCHAR(32)              NOT NULL,
    item_key    VARCHAR(300)             NOT NULL,
    payload     CHARACTER LARGE OBJECT   NOT NULL,
    item_count  INTEGER                  NOT NULL,
    cause       VARCHAR(4000)            NOT NULL,
    attempts    INTEGER                  NOT NULL,
    status      VARCHAR(16)              NOT NULL,
    replays     INTEGER DEFAULT 0        NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX export_dead_letter_item_idx ON export_dead_letter (target, item_key, status);
