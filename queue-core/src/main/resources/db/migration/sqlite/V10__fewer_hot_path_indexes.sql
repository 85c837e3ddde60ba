-- xephang schema version 10: fewer pages written per ticket (issue 18, docs/adr/0031-bytes-per-ticket.md).
-- The idempotency keys of kiosks are random, so their unique index put every keyed issue on a random page of a large
-- index: one more page in the write-ahead log per ticket. No query reads it: the engine, the only writer of a site's
-- tickets, refuses a reused key from its memory of the day (loaded from the day's tickets on start, docs/adr/0016).
DROP INDEX ticket_idempotency;
