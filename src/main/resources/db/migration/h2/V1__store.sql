-- The observation store of Stadtwerk Hub (H2, the embedded default). Same tables as on PostgreSQL.

CREATE TABLE asset (
    id            VARCHAR(128) PRIMARY KEY,
    name          VARCHAR(300),
    kind          VARCHAR(64),
    lat           DOUBLE PRECISION,
    lon           DOUBLE PRECISION,
    district      VARCHAR(128),
    postcode      VARCHAR(16),
    rated_power_w DOUBLE PRECISION,
    external_ids  CHARACTER LARGE OBJECT,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE series (
    id         VARCHAR(200) PRIMARY KEY,
    asset_id   VARCHAR(128) NOT NULL,
    quantity   VARCHAR(64)  NOT NULL,
    unit       VARCHAR(32)  NOT NULL,
    qualifier  VARCHAR(64),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX series_asset_idx ON series (asset_id);

CREATE TABLE observation (
    series_id   VARCHAR(200)             NOT NULL,
    start_ts    TIMESTAMP WITH TIME ZONE NOT NULL,
    end_ts      TIMESTAMP WITH TIME ZONE NOT NULL,
    val         DOUBLE PRECISION         NOT NULL,
    quality     VARCHAR(16)              NOT NULL,
    source      VARCHAR(200),
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (series_id, start_ts, end_ts)
);

CREATE TABLE observation_history (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    series_id       VARCHAR(200)             NOT NULL,
    start_ts        TIMESTAMP WITH TIME ZONE NOT NULL,
    end_ts          TIMESTAMP WITH TIME ZONE NOT NULL,
    old_value       DOUBLE PRECISION         NOT NULL,
    old_quality     VARCHAR(16)              NOT NULL,
    old_source      VARCHAR(200),
    old_received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    new_value       DOUBLE PRECISION         NOT NULL,
    new_quality     VARCHAR(16)              NOT NULL,
    changed_at      TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);
CREATE INDEX observation_history_key_idx ON observation_history (series_id, start_ts);

CREATE TRIGGER observation_history_trg BEFORE UPDATE ON observation
    FOR EACH ROW CALL 'de.stadtwerk.hub.store.internal.H2HistoryTrigger';

CREATE TABLE forecast (
    series_id VARCHAR(200)             NOT NULL,
    start_ts  TIMESTAMP WITH TIME ZONE NOT NULL,
    end_ts    TIMESTAMP WITH TIME ZONE NOT NULL,
    issued_at TIMESTAMP WITH TIME ZONE NOT NULL,
    val       DOUBLE PRECISION         NOT NULL,
    model     VARCHAR(100)             NOT NULL,
    source    VARCHAR(200),
    PRIMARY KEY (series_id, start_ts, end_ts, issued_at)
);

CREATE TABLE quarantine (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    source          VARCHAR(200),
    route_id        VARCHAR(200),
    reason          VARCHAR(4000)            NOT NULL,
    payload         CHARACTER LARGE OBJECT,
    replay_endpoint VARCHAR(200),
    status          VARCHAR(16)              NOT NULL,
    attempts        INTEGER DEFAULT 1        NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX quarantine_status_idx ON quarantine (status, received_at);
