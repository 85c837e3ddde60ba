package org.xephang.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(240)
class RunDatabaseIT {

    @Test
    void aRunGetsANewEmptyDatabaseItCanUseAndClosingCleansUp() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        assertThat(ci && !RunDatabase.available(null))
                .as("CI=true: bench failover needs XEPHANG_TEST_POSTGRES_URL or the PostgreSQL server binaries")
                .isFalse();
        assumeTrue(RunDatabase.available(null), "no PostgreSQL: XEPHANG_TEST_POSTGRES_URL or the server binaries");
        String name = "x_bench_run_" + ProcessHandle.current().pid();
        try (RunDatabase run = RunDatabase.create(null, name)) {
            run.dropOnClose();
            assertThat(run.location().database()).isEqualTo(name);
            try (Connection connection = run.location().connect();
                    Statement statement = connection.createStatement();
                    ResultSet tables = statement.executeQuery(
                            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
                tables.next();
                assertThat(tables.getInt(1)).as("a new, empty database").isZero();
            }
        }
    }
}
