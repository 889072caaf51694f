-- Open data (PostgreSQL): HTTP validators of the open-data fetches, attribution of series, register facts of assets,
-- the CKAN dataset catalogue. Same tables as on PostgreSQL.

-- One row per fetched URL: the validators for conditional requests (ETag / Last-Modified), the hash of the last
-- answer (an unchanged answer is skipped even when the portal sends no validators), small bodies for a 304.
CREATE TABLE opendata_fetch (
    url_key        CHAR(64)                 PRIMARY KEY,
    url            VARCHAR(4000)            NOT NULL,
    source         VARCHAR(64)              NOT NULL,
    etag           VARCHAR(500),
    last_modified  VARCHAR(100),
    content_sha256 CHAR(64),
    body           BYTEA,
    outcome        VARCHAR(16)              NOT NULL,
    fetched_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Attribution and licence of a series taken from a provider (DWD, SMARD, Open-Meteo …); published with it.
CREATE TABLE series_meta (
    series_id   VARCHAR(200)             PRIMARY KEY,
    provider    VARCHAR(200)             NOT NULL,
    attribution VARCHAR(500)             NOT NULL,
    licence_id  VARCHAR(64)              NOT NULL,
    licence_url VARCHAR(500),
    source      VARCHAR(200),
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Register facts of assets from the Marktstammdatenregister (and the attribution of any asset from open data).
ALTER TABLE asset ADD COLUMN commissioning_date DATE;
ALTER TABLE asset ADD COLUMN hub_height_m DOUBLE PRECISION;
ALTER TABLE asset ADD COLUMN operating_status VARCHAR(16);
ALTER TABLE asset ADD COLUMN source VARCHAR(200);
ALTER TABLE asset ADD COLUMN attribution VARCHAR(500);
ALTER TABLE asset ADD COLUMN licence_id VARCHAR(64);
CREATE INDEX asset_kind_postcode_idx ON asset (kind, postcode);

-- The catalogue of open datasets harvested from CKAN portals.
CREATE TABLE dataset (
    portal        VARCHAR(500)             NOT NULL,
    id            VARCHAR(200)             NOT NULL,
    name          VARCHAR(300)             NOT NULL,
    title         VARCHAR(1000),
    organisation  VARCHAR(500),
    licence_id    VARCHAR(200),
    licence_title VARCHAR(500),
    modified      TIMESTAMP WITH TIME ZONE,
    resources     TEXT,
    query         VARCHAR(500),
    harvested_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (portal, id)
);
