-- An optional expiry per API key (Stadtwerk Hub, H2; docs/partner-api.md "Keys"). NULL: the key does not expire.
-- A key is refused from expires_at on (checked on every request, also while the key list is cached).
ALTER TABLE api_key ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
