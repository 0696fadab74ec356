-- Single-use tokens sent by e-mail to citizens (api/accounts.c): to verify
-- the address of a new account, or to set a new password. Only their SHA-256
-- is kept.
CREATE TABLE account_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN ('verify', 'reset')),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
) WITHOUT ROWID;
CREATE INDEX account_tokens_user ON account_tokens (user_id);
