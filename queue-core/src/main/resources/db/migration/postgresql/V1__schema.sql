-- xephang schema version 1, PostgreSQL: the tables of sqlite/V1__schema.sql, with BIGINT where SQLite's INTEGER holds
-- 64-bit values (times, sequences, keys). Times are epoch milliseconds (UTC); days are the site's local day, YYYY-MM-DD.

-- Every ticket, kept for statistics: who called and served it, where, all timestamps.
CREATE TABLE ticket (
    id               TEXT    PRIMARY KEY,          -- random, unguessable (in the QR code)
    site             TEXT    NOT NULL,
    service          TEXT    NOT NULL,             -- current service (changes on transfer)
    issued_service   TEXT    NOT NULL,             -- the service it was issued for (its number belongs to it)
    local_day        TEXT    NOT NULL,
    sequence         INTEGER NOT NULL,             -- 12 for A012
    number           TEXT    NOT NULL,
    priority         TEXT,                         -- priority category code, or NULL
    channel          TEXT    NOT NULL,
    state            TEXT    NOT NULL CHECK (state IN ('WAITING','CALLED','SERVING','DONE','NO_SHOW','CANCELLED')),
    issue_order      BIGINT  NOT NULL,             -- the site's issue sequence ("issue order")
    queue_key        BIGINT  NOT NULL,             -- position in its queue (transfers change it)
    assigned_counter INTEGER,                      -- transferred to this counter only
    counter          INTEGER,                      -- counter that called/served it
    officer          TEXT,                         -- username of the officer who called/served it
    call_count       INTEGER NOT NULL DEFAULT 0,
    issued_at        BIGINT  NOT NULL,
    called_at        BIGINT,
    started_at       BIGINT,
    finished_at      BIGINT,
    dossier_code     TEXT,
    idempotency_key  TEXT,
    rated            INTEGER NOT NULL DEFAULT 0,
    UNIQUE (site, issued_service, local_day, sequence),
    UNIQUE (site, issue_order)
);
CREATE UNIQUE INDEX ticket_idempotency ON ticket (site, local_day, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX ticket_open ON ticket (site, state);
CREATE INDEX ticket_day ON ticket (site, local_day);

-- The live state of each counter.
CREATE TABLE counter_desk (
    site         TEXT    NOT NULL,
    number       INTEGER NOT NULL,
    state        TEXT    NOT NULL CHECK (state IN ('OPEN','PAUSED','CLOSED')),
    pause_reason TEXT,
    officer      TEXT,
    ticket_id    TEXT REFERENCES ticket (id),
    PRIMARY KEY (site, number)
);

-- Every event of every site, in order, and the outbox of the dossier forwarder (docs/adr/0012-outbox-in-the-event-table.md).
-- Written in the same transaction as the change it describes.
CREATE TABLE event (
    site            TEXT    NOT NULL,
    seq             BIGINT  NOT NULL,              -- per site, +1 per event, never reused
    id              TEXT    NOT NULL UNIQUE,       -- the receiver's idempotency key
    type            TEXT    NOT NULL,              -- wire name: ticket.issued, ticket.called, …
    at              BIGINT  NOT NULL,
    ticket_id       TEXT REFERENCES ticket (id),
    counter         INTEGER,
    payload         TEXT    NOT NULL,              -- the event's JSON exactly as streamed
    delivery_state  TEXT    NOT NULL DEFAULT 'pending' CHECK (delivery_state IN ('pending','delivered','dead')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,              -- when the forwarder may try (next); = at when written
    last_error      TEXT,
    delivered_at    BIGINT,
    PRIMARY KEY (site, seq)
);
CREATE INDEX event_outbox ON event (delivery_state, next_attempt_at);

-- Ratings, one per ticket, with everything the statistics group by.
CREATE TABLE rating (
    ticket_id      TEXT    PRIMARY KEY REFERENCES ticket (id),
    site           TEXT    NOT NULL,
    service        TEXT    NOT NULL,
    counter        INTEGER,
    officer        TEXT,
    native_level   INTEGER NOT NULL,
    scale          INTEGER NOT NULL CHECK (scale BETWEEN 3 AND 5),
    national_level INTEGER NOT NULL CHECK (national_level BETWEEN 1 AND 3), -- 1 Rất hài lòng, 2 Hài lòng, 3 Không hài lòng
    device         TEXT,
    rated_at       BIGINT  NOT NULL,
    dossier_code   TEXT
);
CREATE INDEX rating_site_time ON rating (site, rated_at);
