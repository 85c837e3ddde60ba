package org.xephang.core.persistence;

import org.xephang.core.testkit.PostgresFixture;

/** {@link BookingStoreTest} on PostgreSQL (skipped without one, except under {@code CI=true}). */
class BookingStorePostgresIT extends BookingStoreTest {

    @Override
    Store open() throws Exception {
        return PostgresStore.open(PostgresFixture.newDatabase("bookings"));
    }
}
