-- xephang schema version 2: site ownership in a cluster of server nodes (ARCHITECTURE §10, issue #16).
-- One row per site: the node that owns it, the fencing epoch (grows by one at every acquisition, never reused) and
-- when the lease ends unless renewed. Every write transaction of the owner renews its row WHERE owner and epoch still
-- match: after another node took the site over, the former owner's transaction finds no row and is rolled back.
CREATE TABLE site_lease (
    site       TEXT   PRIMARY KEY,
    owner      TEXT   NOT NULL,                    -- the node incarnation: node name and a random start id
    epoch      BIGINT NOT NULL,                    -- the fencing token
    expires_at BIGINT NOT NULL                     -- epoch milliseconds (UTC)
);
