/**
 * Durable state behind a {@link org.xephang.core.persistence.Store}: the SQLite file {@code xephang.db} of one office
 * ({@link org.xephang.core.persistence.SqliteStore}: WAL, {@code synchronous=FULL}, foreign keys on) or a PostgreSQL
 * database shared by a province ({@link org.xephang.core.persistence.PostgresStore}: pgjdbc and a small HikariCP
 * pool). Both are migrated by Flyway at open from {@code db/migration/sqlite} or {@code db/migration/postgresql}
 * ({@link org.xephang.core.persistence.SchemaMigrations}); the SQL of {@link org.xephang.core.persistence.QueueStore}
 * and {@link org.xephang.core.persistence.Outbox} is shared, since both dialects agree on it. The
 * {@link org.xephang.core.persistence.GroupCommitWriter} is the one thread that writes, committing requests in groups
 * (one transaction per group on both stores).
 *
 * <h2>Tables (schema V2; times are epoch milliseconds UTC, BIGINT on PostgreSQL; days are the site's local day
 * YYYY-MM-DD)</h2>
 *
 * <ul>
 *   <li>{@code ticket}: every ticket with its service, number, priority, channel, state, counter, officer, call count,
 *       issued/called/started/finished times, dossier code, idempotency key. Unique per (site, issued service, local
 *       day, sequence).
 *   <li>{@code counter_desk}: each counter's state, pause reason, officer and held ticket.
 *   <li>{@code rating}: one per ticket: site, service, counter, officer, native level and scale, national level (1 Rất
 *       hài lòng, 2 Hài lòng, 3 Không hài lòng), keypad, time, dossier code.
 *   <li>{@code event}: every event of every site AND the outbox (docs/adr/0012-outbox-in-the-event-table.md).
 *   <li>{@code site_lease} (V2): which node owns each site, with the fencing epoch ({@link
 *       org.xephang.core.persistence.SiteLeases}); used on PostgreSQL by a cluster's nodes.
 * </ul>
 *
 * <h2>The outbox, for the dossier forwarder</h2>
 *
 * <pre>
 * event(site TEXT, seq INTEGER,            -- PRIMARY KEY (site, seq); seq +1 per event per site, never reused
 *       id TEXT UNIQUE,                    -- the event id: the receiver's idempotency key
 *       type TEXT,                         -- wire name: ticket.issued, ticket.called, …, device.status
 *       at INTEGER, ticket_id TEXT, counter INTEGER,
 *       payload TEXT,                      -- the event JSON exactly as streamed (QueueEvent.fromJson reads it)
 *       delivery_state TEXT,               -- 'pending' | 'delivered' | 'dead'
 *       attempts INTEGER,                  -- failed attempts so far
 *       next_attempt_at INTEGER,           -- due time; = at when written
 *       last_error TEXT, delivered_at INTEGER)
 * </pre>
 *
 * Every event is written {@code pending} in the same transaction as the change it describes, so nothing is forwarded
 * that did not happen and nothing that happened is missed. The forwarder does not write SQL: it reads with
 * {@link org.xephang.core.persistence.Outbox#due} and marks through the writer ({@code markDelivered},
 * {@code markFailed} with the next attempt, {@code markDead}, {@code retry}). It decides which types to forward; it
 * should mark the others delivered so that they leave the pending set.
 */
package org.xephang.core.persistence;
