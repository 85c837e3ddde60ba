-- xephang schema version 4: "sắp đến lượt" and "mời đến quầy" messages by SMS and Zalo (issue 17 item 3).
-- The citizen's number for a ticket: personal data, deleted at purge_at (the end of the site's day by default) and
-- never logged or shown.
CREATE TABLE notification_subscription (
    ticket_id  TEXT    PRIMARY KEY REFERENCES ticket (id),
    site       TEXT    NOT NULL,
    phone      TEXT    NOT NULL,                   -- national form, 0912345678
    consent_at BIGINT  NOT NULL,
    purge_at   BIGINT  NOT NULL
);
CREATE INDEX notification_subscription_site ON notification_subscription (site);
CREATE INDEX notification_subscription_purge ON notification_subscription (purge_at);

-- The messages' outbox: one row per (ticket, kind), written in the same transaction as the change that made it due,
-- so each kind is due once per ticket, across restarts too. The sender marks it sent, retried or dead.
CREATE TABLE notification (
    id              TEXT    PRIMARY KEY,           -- the idempotency key: <ticket id>:<kind>
    site            TEXT    NOT NULL,
    ticket_id       TEXT    NOT NULL REFERENCES ticket (id),
    kind            TEXT    NOT NULL CHECK (kind IN ('near-turn','called')),
    provider        TEXT    NOT NULL,              -- sms | zalo
    phone           TEXT,                          -- NULL once purged
    payload         TEXT    NOT NULL,              -- ticket number, site name, position, counter (JSON; nothing personal)
    state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','sent','dead')),
    due_at          BIGINT  NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    last_error      TEXT,
    sent_at         BIGINT ,
    UNIQUE (ticket_id, kind)
);
CREATE INDEX notification_due ON notification (state, next_attempt_at);
CREATE INDEX notification_site ON notification (site, state);
