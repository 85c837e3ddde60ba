package org.xephang.core.auth;

import org.xephang.core.persistence.PostgresStore;
import org.xephang.core.persistence.Store;
import org.xephang.core.testkit.PostgresFixture;

/** {@link SharedRevocationsIT} on PostgreSQL, the store the nodes of a cluster share. */
class SharedRevocationsPostgresIT extends SharedRevocationsIT {

    @Override
    Store openStore() throws Exception {
        return PostgresStore.open(PostgresFixture.newDatabase("revocations"));
    }
}
