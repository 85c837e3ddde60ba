-- xephang schema version 3: appointments (issue 17). One row per booking; the name and phone are kept until the
-- booking's day is over (then blanked) and never leave the server unmasked on a public answer.
CREATE TABLE appointment (
    code        TEXT    PRIMARY KEY,               -- 8 characters without look-alikes (BookingCode)
    site        TEXT    NOT NULL,
    service     TEXT    NOT NULL,
    local_day   TEXT    NOT NULL,                  -- the slot's day in the site's time zone, YYYY-MM-DD
    slot_start  BIGINT  NOT NULL,                  -- epoch milliseconds (UTC)
    slot_end    BIGINT  NOT NULL,
    name        TEXT,
    phone       TEXT,                              -- national form 0XXXXXXXXX
    created_at  BIGINT  NOT NULL,
    created_day TEXT    NOT NULL,                  -- the local day it was booked on (the per-phone daily limit)
    ticket_id   TEXT                               -- the ticket its check-in made
);
CREATE INDEX appointment_slot ON appointment (site, local_day, service);
CREATE INDEX appointment_phone ON appointment (phone, created_day);
