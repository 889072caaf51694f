-- Cluster coordination in the hub's database (Stadtwerk Hub, docs/cluster.md).
--
-- api_rate_limit: partner-API rate limits shared by all instances (hub.api.rate-limit.store=database): one row per
-- key and fixed window (window_start in epoch milliseconds), counted up with an UPDATE in one short transaction.
CREATE TABLE api_rate_limit (
    rate_key     VARCHAR(250) NOT NULL,
    window_start BIGINT       NOT NULL,
    hits         BIGINT       NOT NULL,
    PRIMARY KEY (rate_key, window_start)
);
CREATE INDEX api_rate_limit_window_idx ON api_rate_limit (window_start);

-- legacy_file_lock: the cluster read lock of the file-drop routes (Camel's idempotent read lock on camel-sql's
-- JdbcMessageIdRepository, bean legacyFileLocks): a row per file being imported, so that two instances watching one
-- folder never take the same file; the row is removed a few seconds after the file moved to done/ or error/. The
-- holder refreshes createdAt while it imports; a row older than hub.legacy.files.lock-max-age is the orphan of a dead
-- instance and is taken over. Column names are the ones camel-sql's repository queries use.
CREATE TABLE legacy_file_lock (
    processorName VARCHAR(255)  NOT NULL,
    messageId     VARCHAR(1000) NOT NULL,
    createdAt     TIMESTAMP     NOT NULL,
    PRIMARY KEY (processorName, messageId)
);
