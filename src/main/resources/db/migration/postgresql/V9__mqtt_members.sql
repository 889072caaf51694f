-- MQTT session adoption (Stadtwerk Hub, docs/cluster.md "MQTT take-over on Mosquitto: session adoption").
--
-- mqtt_member: one row per MQTT client id of the ingest (hub.mqtt.client-id, or <id>-1, <id>-2 ... with
-- hub.mqtt.connections > 1). The instance that owns the id writes heartbeat_at every hub.mqtt.adoption.heartbeat
-- (the database's clock), and writes it once before it connects to the broker. When heartbeat_at is older than
-- hub.mqtt.adoption.after, a surviving instance of the same share group claims the row (adopted_by, adopted_at; one
-- UPDATE, so exactly one claimer wins) and connects with that client id to drain the session the broker keeps for it.
-- A claim whose adopter stopped heartbeating is taken over the same way. When the broker hands the session back to
-- a returning owner while its heartbeat is still stale (it could not reach the database), the adopter records that
-- heartbeat in released_heartbeat_at: the id is not adopted again until the owner has written a newer one.
-- subscriptions: the owner's topic filters, one per line, for the adopter's connection.
CREATE TABLE mqtt_member (
    client_id             VARCHAR(250)             NOT NULL PRIMARY KEY,
    instance_id           VARCHAR(250)             NOT NULL,
    share_group           VARCHAR(250)             NOT NULL,
    subscriptions         VARCHAR(4000)            NOT NULL,
    heartbeat_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    adopted_by            VARCHAR(250),
    adopted_at            TIMESTAMP WITH TIME ZONE,
    released_heartbeat_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX mqtt_member_instance_idx ON mqtt_member (instance_id);
