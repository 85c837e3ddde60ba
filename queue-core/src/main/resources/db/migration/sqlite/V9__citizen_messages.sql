-- xephang schema version 9: messages to citizens that belong to no ticket (issue 17): the booking confirmation and
-- the move of a booking, and the answer to a dossier lookup by SMS. They go through the same outbox as the ticket's
-- messages, so ticket_id becomes optional and the kinds grow. SQLite cannot change a column or a CHECK in place: the
-- table is copied into its new shape (nothing references it).
CREATE TABLE notification_v9 (
    id              TEXT    PRIMARY KEY,           -- the idempotency key: <ticket id>:<kind>, <booking code>:booked, …
    site            TEXT    NOT NULL,
    ticket_id       TEXT    REFERENCES ticket (id), -- NULL for a booking's or an inbound SMS's message
    kind            TEXT    NOT NULL CHECK (kind IN ('near-turn','called','booked','booking-moved','dossier-reply')),
    provider        TEXT    NOT NULL,              -- sms | zalo
    phone           TEXT,                          -- NULL once purged (at once when sent, for messages of no ticket)
    payload         TEXT    NOT NULL,              -- what the text needs (JSON)
    state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','sent','dead')),
    due_at          INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    sent_at         INTEGER,
    UNIQUE (ticket_id, kind)
);
INSERT INTO notification_v9 (id, site, ticket_id, kind, provider, phone, payload, state, due_at, attempts,
                             next_attempt_at, last_error, sent_at)
    SELECT id, site, ticket_id, kind, provider, phone, payload, state, due_at, attempts, next_attempt_at, last_error,
           sent_at FROM notification;
DROP TABLE notification;
ALTER TABLE notification_v9 RENAME TO notification;
CREATE INDEX notification_due ON notification (state, next_attempt_at);
CREATE INDEX notification_site ON notification (site, state);

-- Bookings imported from the province's online portal keep the portal's id: a re-import finds them again.
ALTER TABLE appointment ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX appointment_external ON appointment (site, external_id);
