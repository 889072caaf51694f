-- Partner API keys created with the admin key (Stadtwerk Hub, H2). Only the SHA-256 hash of a key is stored.

CREATE TABLE api_key (
    id         VARCHAR(32)              PRIMARY KEY,
    partner_id VARCHAR(128)             NOT NULL,
    label      VARCHAR(200),
    key_hash   VARCHAR(64)              NOT NULL,
    is_admin   BOOLEAN DEFAULT FALSE    NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX api_key_hash_idx ON api_key (key_hash);
