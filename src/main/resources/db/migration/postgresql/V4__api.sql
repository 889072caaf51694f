-- Partner API keys created with the admin key (Stadtwerk Hub, PostgreSQL). Only the SHA-256 hash of a key is stored.

CREATE TABLE api_key (
    id         VARCHAR(32)  PRIMARY KEY,
    partner_id VARCHAR(128) NOT NULL,
    label      VARCHAR(200),
    key_hash   VARCHAR(64)  NOT NULL,
    is_admin   BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ  NOT NULL,
    revoked_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX api_key_hash_idx ON api_key (key_hash);
