-- xephang schema version 6: the audit log and token revocations shared by every node (issues #13 and #14).
-- audit_log: every administrative change and every sign-in, newest last; no personal data (no passwords or hashes,
-- no phone numbers; staff usernames only, "unknown" for a username that is no account). Kept 400 days by default.
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       INTEGER NOT NULL,                     -- epoch milliseconds (UTC)
    actor    TEXT    NOT NULL,                     -- the username, "unknown", "system", or "import:<file>"
    client   TEXT,                                 -- the client's address, when over HTTP
    action   TEXT    NOT NULL,                     -- sign-in, sign-in.failed, account.create, site.update…
    sites    TEXT,                                 -- the sites concerned as ",a,b,"; NULL for every site
    target   TEXT,                                 -- the account or site acted on
    detail   TEXT    NOT NULL                      -- JSON: what changed (keys, versions), never a secret
);
CREATE INDEX audit_log_at ON audit_log (at);

-- Revoking every token of an account moves its generation on; kept_token is the one token that survives (the one a
-- person used to change their own password).
CREATE TABLE token_generation (
    username   TEXT    PRIMARY KEY,
    generation INTEGER NOT NULL,
    kept_token TEXT,
    saved_at   INTEGER NOT NULL
);

-- Single tokens revoked (logout, refresh) until they would have expired.
CREATE TABLE revoked_token (
    token_id   TEXT    PRIMARY KEY,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER NOT NULL
);
CREATE INDEX revoked_token_revoked_at ON revoked_token (revoked_at);
