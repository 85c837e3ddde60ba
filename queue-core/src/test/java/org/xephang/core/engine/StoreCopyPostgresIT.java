package org.xephang.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xephang.core.engine.EngineFixture.KIOSK;
import static org.xephang.core.engine.EngineFixture.SITE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.IssueCommand;
import org.xephang.core.persistence.PostgresStore;
import org.xephang.core.persistence.SqliteStore;
import org.xephang.core.persistence.StoreCopy;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.testkit.PostgresFixture;
import org.xephang.testkit.MutableClock;

/** {@code xephang migrate}: an office's SQLite history (the schema-V1 fixture) copied into PostgreSQL. */
@Timeout(120)
class StoreCopyPostgresIT {

    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.at(LocalDateTime.of(2026, 11, 24, 10, 0));

    @Test
    void anOfficesHistoryIsCopiedOnceThenServedFromPostgresql() throws Exception {
        Files.copy(Path.of("src/test/resources/fixtures/schema-v1/xephang.db"), dir.resolve("xephang.db"));
        StoreLocation.Postgres province = PostgresFixture.newDatabase("copy");

        try (SqliteStore office = SqliteStore.open(dir);
                PostgresStore target = PostgresStore.open(province)) {
            List<StoreCopy.SiteCounts> copied = StoreCopy.copy(office, target, false);

            assertThat(copied).containsExactly(new StoreCopy.SiteCounts(SITE, 5, 2, 21, 2));
            assertThatThrownBy(() -> StoreCopy.copy(office, target, false))
                    .isInstanceOf(StoreCopy.SiteAlreadyPresentException.class)
                    .hasMessageContaining("already holds data of site \"s1\"")
                    .hasMessageContaining("--replace");
            assertThat(StoreCopy.copy(office, target, true)).isEqualTo(copied);
        }

        try (QueueEngine engine =
                QueueEngine.open(EngineFixture.config(), province, clock, new EngineOptions(false, "http://q.test"))) {
            assertThat(engine.snapshot(SITE).seq()).isEqualTo(21);
            assertThat(engine.issue(SITE, new IssueCommand("A", null, null, null), KIOSK)
                            .toCompletableFuture()
                            .join()
                            .ticket()
                            .number())
                    .isEqualTo("A002");
            assertThat(engine.statistics(SITE, LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 23))
                            .toCompletableFuture()
                            .join()
                            .totals()
                            .issued())
                    .isEqualTo(3);
            assertThat(engine.outbox().count(org.xephang.core.persistence.Outbox.DeliveryState.PENDING))
                    .as("the 21 copied events are still to forward, and the new issue's")
                    .isEqualTo(22);
        }
    }
}
