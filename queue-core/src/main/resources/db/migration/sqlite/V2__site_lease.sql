-- xephang schema version 2: site ownership in a cluster of server nodes (ARCHITECTURE §10, issue #16). A cluster needs
-- PostgreSQL; the table exists in SQLite too so that both stores keep the same schema versions and tables.
CREATE TABLE site_lease (
    site       TEXT    PRIMARY KEY,
    owner      TEXT    NOT NULL,                   -- the node incarnation: node name and a random start id
    epoch      INTEGER NOT NULL,                   -- the fencing token
    expires_at INTEGER NOT NULL                    -- epoch milliseconds (UTC)
);
