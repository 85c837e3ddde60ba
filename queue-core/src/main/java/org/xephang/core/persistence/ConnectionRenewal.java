package org.xephang.core.persistence;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a long-held connection (the writer's, the outbox reader's) is replaced from when it was lost: PostgreSQL
 * restarted, a network cut, an administrator's {@code pg_terminate_backend}. Usually {@link Store#connect}.
 */
@FunctionalInterface
public interface ConnectionRenewal {
    /** A new connection (auto-commit on); the caller owns it. Blocking. */
    Connection renew() throws SQLException;
}
