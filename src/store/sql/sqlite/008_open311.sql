-- Open311 GeoReport v2 clients (api/open311.c): each has an API key an
-- administrator issued; only the key's SHA-256 is kept. A revoked key is kept
-- for the record.
CREATE TABLE open311_keys (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    key_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER,
    last_used_at INTEGER,
    requests INTEGER NOT NULL DEFAULT 0
);
