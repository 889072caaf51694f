-- Legacy imports (H2): the files already imported, by content hash, and the watermarks of database polling.

CREATE TABLE legacy_imported_file (
    content_hash VARCHAR(64)  PRIMARY KEY,
    drop_name    VARCHAR(200) NOT NULL,
    file_name    VARCHAR(1000) NOT NULL,
    size_bytes   BIGINT       NOT NULL,
    value_count  BIGINT       NOT NULL,
    imported_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE legacy_watermark (
    name       VARCHAR(200) PRIMARY KEY,
    hw_value   VARCHAR(200) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
