-- xephang schema version 7: data retention (issue #19 item 5, docs/retention.md). Tickets, their events,
-- ratings and messages are deleted some days after their day (a site's `retention.ticketDays`); what the statistics
-- need of them stays here, one row per day and combination of what the reports group and measure, with how many
-- tickets shared it. Nothing in it names a citizen or a ticket. Absent values are stored as 0, '' or -1 so that the
-- key is one unique row on both stores (NULLs would never conflict).
CREATE TABLE statistics_day (
    site           TEXT    NOT NULL,
    local_day      TEXT    NOT NULL,               -- YYYY-MM-DD, the site's day the tickets were issued on
    service        TEXT    NOT NULL,
    counter        INTEGER NOT NULL,               -- 0: never called
    officer        TEXT    NOT NULL,               -- '': never called
    priority       INTEGER NOT NULL,               -- 1: a priority ticket
    state          TEXT    NOT NULL,               -- the final state: DONE, NO_SHOW, CANCELLED…
    issued_hour    INTEGER NOT NULL,               -- 0–23 in the site's time zone
    waited_s       BIGINT  NOT NULL,               -- whole seconds; -1: not measured
    walked_s       BIGINT  NOT NULL,
    served_s       BIGINT  NOT NULL,
    dossier_linked INTEGER NOT NULL,               -- 1: a dossier code was linked
    rating         INTEGER NOT NULL,               -- national level 1–3; 0: not rated
    tickets        INTEGER NOT NULL,               -- how many tickets had exactly these facts
    PRIMARY KEY (site, local_day, service, counter, officer, priority, state, issued_hour, waited_s, walked_s,
                 served_s, dossier_linked, rating)
);

-- Deleting a ticket checks that no event still names it: without this index each check reads the site's whole
-- event table.
CREATE INDEX event_ticket ON event (ticket_id);
