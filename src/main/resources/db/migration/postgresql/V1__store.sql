-- The observation store of Stadtwerk Hub (PostgreSQL). Times are UTC (timestamptz).
-- Series ids use the "C" collation: byte order is all they need, and it keeps the primary key cheap.

CREATE TABLE asset (
    id            VARCHAR(128) PRIMARY KEY,
    name          VARCHAR(300),
    kind          VARCHAR(64),
    lat           DOUBLE PRECISION,
    lon           DOUBLE PRECISION,
    district      VARCHAR(128),
    postcode      VARCHAR(16),
    rated_power_w DOUBLE PRECISION,
    external_ids  TEXT,
    updated_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE series (
    id         VARCHAR(200) COLLATE "C" PRIMARY KEY,
    asset_id   VARCHAR(128) NOT NULL,
    quantity   VARCHAR(64)  NOT NULL,
    unit       VARCHAR(32)  NOT NULL,
    qualifier  VARCHAR(64),
    created_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX series_asset_idx ON series (asset_id);

CREATE TABLE observation (
    series_id   VARCHAR(200)     COLLATE "C" NOT NULL,
    start_ts    TIMESTAMPTZ      NOT NULL,
    end_ts      TIMESTAMPTZ      NOT NULL,
    val         DOUBLE PRECISION NOT NULL,
    quality     VARCHAR(16)      NOT NULL,
    source      VARCHAR(200),
    received_at TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (series_id, start_ts, end_ts)
);

CREATE TABLE observation_history (
    id              BIGSERIAL PRIMARY KEY,
    series_id       VARCHAR(200)     NOT NULL,
    start_ts        TIMESTAMPTZ      NOT NULL,
    end_ts          TIMESTAMPTZ      NOT NULL,
    old_value       DOUBLE PRECISION NOT NULL,
    old_quality     VARCHAR(16)      NOT NULL,
    old_source      VARCHAR(200),
    old_received_at TIMESTAMPTZ      NOT NULL,
    new_value       DOUBLE PRECISION NOT NULL,
    new_quality     VARCHAR(16)      NOT NULL,
    changed_at      TIMESTAMPTZ      NOT NULL DEFAULT now()
);
CREATE INDEX observation_history_key_idx ON observation_history (series_id, start_ts);

-- A changed value (or quality) keeps the old one in the history; an identical redelivery never reaches
-- the trigger because the upsert's WHERE clause skips it.
CREATE FUNCTION observation_keep_history() RETURNS trigger AS $$
BEGIN
    INSERT INTO observation_history (series_id, start_ts, end_ts, old_value, old_quality, old_source,
                                     old_received_at, new_value, new_quality)
    VALUES (OLD.series_id, OLD.start_ts, OLD.end_ts, OLD.val, OLD.quality, OLD.source,
            OLD.received_at, NEW.val, NEW.quality);
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER observation_history_trg BEFORE UPDATE ON observation
    FOR EACH ROW EXECUTE FUNCTION observation_keep_history();

CREATE TABLE forecast (
    series_id VARCHAR(200)     COLLATE "C" NOT NULL,
    start_ts  TIMESTAMPTZ      NOT NULL,
    end_ts    TIMESTAMPTZ      NOT NULL,
    issued_at TIMESTAMPTZ      NOT NULL,
    val       DOUBLE PRECISION NOT NULL,
    model     VARCHAR(100)     NOT NULL,
    source    VARCHAR(200),
    PRIMARY KEY (series_id, start_ts, end_ts, issued_at)
);

CREATE TABLE quarantine (
    id              BIGSERIAL PRIMARY KEY,
    received_at     TIMESTAMPTZ   NOT NULL,
    source          VARCHAR(200),
    route_id        VARCHAR(200),
    reason          VARCHAR(4000) NOT NULL,
    payload         TEXT,
    replay_endpoint VARCHAR(200),
    status          VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL DEFAULT 1,
    updated_at      TIMESTAMPTZ   NOT NULL
);
CREATE INDEX quarantine_status_idx ON quarantine (status, received_at);
