-- xephang schema version 10: fewer pages written per ticket (issue 18, docs/adr/0031-bytes-per-ticket.md). Each
-- index a ticket's insert or state change touches is one more page in the write-ahead log per committed group.

-- The idempotency keys of kiosks are random, so their unique index put every keyed issue on a random page of a large
-- index: one more page per ticket. No query reads it: the engine, the only writer of a site's tickets, refuses a reused
-- key from its memory of the day (loaded from the day's tickets on start, docs/adr/0016).
DROP INDEX ticket_idempotency;

-- (site, state) moved each ticket's entry at every call, start and finish. The start-up query of the open tickets
-- scans the site by issue order (its plan never used this index), and the only query that did (the recent service
-- times, on start) reads the site's finished tickets, nearly all of them, either way.
DROP INDEX ticket_open;
