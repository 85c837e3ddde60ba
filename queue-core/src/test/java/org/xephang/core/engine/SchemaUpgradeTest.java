package org.xephang.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.engine.EngineFixture.KIOSK;
import static org.xephang.core.engine.EngineFixture.SITE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.QueueSnapshot;
import org.xephang.api.SiteStatistics;
import org.xephang.core.IssueCommand;
import org.xephang.testkit.MutableClock;

/**
 * The engine opens a database written by the release before Flyway ({@code fixtures/schema-v1}, written by
 * {@link SchemaV1FixtureGenerator}: Monday 23 and Tuesday 24 November 2026) and carries on where it stopped.
 */
@Timeout(60)
class SchemaUpgradeTest {

    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.at(LocalDateTime.of(2026, 11, 24, 10, 0));

    @Test
    void anEngineOnADatabaseOfThePreviousReleaseKeepsItsTicketsNumberingRatingsAndStatistics() throws Exception {
        Files.copy(Path.of("src/test/resources/fixtures/schema-v1/xephang.db"), dir.resolve("xephang.db"));

        try (QueueEngine engine = EngineFixture.open(dir, clock)) {
            QueueSnapshot snapshot = engine.snapshot(SITE);
            assertThat(snapshot.services())
                    .filteredOn(s -> s.code().equals("B"))
                    .singleElement()
                    .satisfies(b -> assertThat(b.waiting()).isEqualTo(1));
            assertThat(engine.ticketByNumber(SITE, "B0001"))
                    .hasValueSatisfying(t -> assertThat(t.priority()).isEqualTo("elderly"));
            long seqBefore = snapshot.seq();
            assertThat(seqBefore).isEqualTo(21);

            assertThat(engine.issue(SITE, new IssueCommand("A", null, null, null), KIOSK)
                            .toCompletableFuture()
                            .join()
                            .ticket()
                            .number())
                    .as("Tuesday's numbering continues after A001")
                    .isEqualTo("A002");
            assertThat(engine.snapshot(SITE).seq()).isEqualTo(seqBefore + 1);

            SiteStatistics monday = engine.statistics(SITE, LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 23))
                    .toCompletableFuture()
                    .join();
            SiteStatistics both = engine.statistics(SITE, LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 24))
                    .toCompletableFuture()
                    .join();
            assertThat(monday.totals().issued()).isEqualTo(3);
            assertThat(monday.totals().served()).isEqualTo(1);
            assertThat(monday.totals().dossierLinked()).isEqualTo(1);
            assertThat(both.totals().issued()).isEqualTo(6);
        }
    }
}
