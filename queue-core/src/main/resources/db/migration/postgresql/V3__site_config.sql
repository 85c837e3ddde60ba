-- xephang schema version 3: the configuration lives in the store (issue #14). A site's whole configuration is one
-- JSON document (the keys of one `sites:` entry of the YAML file, docs/configuration.md); every save adds a row with
-- the next version, so the history is kept and a stale edit is caught. Accounts have their own table, one JSON
-- document per account (the keys of one `accounts:` entry).
CREATE TABLE site_config (
    site     TEXT    NOT NULL,
    version  BIGINT  NOT NULL,                     -- 1, 2, 3… per site; the newest row is the configuration in force
    document TEXT    NOT NULL,                     -- JSON, UTF-8, NFC
    saved_at BIGINT  NOT NULL,                     -- epoch milliseconds (UTC)
    saved_by TEXT    NOT NULL,                     -- the username, or "seed:<file>" / "import:<file>"
    listed   INTEGER NOT NULL,                     -- where the site is listed among the sites (export order)
    PRIMARY KEY (site, version)
);

CREATE TABLE account (
    username TEXT    PRIMARY KEY,
    document TEXT    NOT NULL,                     -- JSON: role, passwordHash (bcrypt), counter, displayName…
    saved_at BIGINT  NOT NULL,
    saved_by TEXT    NOT NULL,
    listed   INTEGER NOT NULL                      -- where the account is listed (export order)
);
