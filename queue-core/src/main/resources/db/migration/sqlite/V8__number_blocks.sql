-- xephang schema version 8: number blocks leased to kiosks for offline issuing (issue 17 item 5,
-- docs/adr/0029-offline-issuing.md). A block is a range of one service's numbers of one local day, leased to one kiosk:
-- nobody else issues them (the engine's numbering skips every block of the day). The kiosk's offline tickets are
-- uploaded later as ordinary ticket rows (channel 'kiosk-offline'); 'used' counts them. A block lives for its day.
CREATE TABLE number_block (
    id          TEXT    PRIMARY KEY,               -- random
    site        TEXT    NOT NULL,
    kiosk       TEXT    NOT NULL,                  -- the kiosk's account (role KIOSK)
    service     TEXT    NOT NULL,
    local_day   TEXT    NOT NULL,                  -- YYYY-MM-DD, the site's local day
    first_seq   INTEGER NOT NULL,
    last_seq    INTEGER NOT NULL,
    used        INTEGER NOT NULL DEFAULT 0,        -- offline tickets of the block uploaded so far
    leased_at   INTEGER  NOT NULL,                  -- epoch milliseconds (UTC)
    CHECK (first_seq >= 1 AND last_seq >= first_seq)
);
CREATE INDEX number_block_day ON number_block (site, local_day, service);
