package org.xephang.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log's table (schema V6): appended, read newest first by site and time, paged, purged after retention. */
class AuditRecordsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T03:00:00Z");

    @TempDir
    Path dir;

    @Test
    void entriesAreReadNewestFirstBySiteAndTimeInPagesAndPurgedBeforeTheRetentionLimit() throws Exception {
        try (Store store = SqliteStore.open(dir);
                Connection c = store.connect()) {
            AuditRecords.append(c, entry(NOW.minus(Duration.ofDays(500)), "old", Set.of("north")));
            AuditRecords.append(c, entry(NOW.minusSeconds(60), "officer-north", Set.of("north")));
            AuditRecords.append(c, entry(NOW.minusSeconds(30), "officer-south", Set.of("south")));
            AuditRecords.append(c, entry(NOW, "both", Set.of("north", "south")));
            AuditRecords.append(c, entry(NOW, "province", Set.of()));

            List<AuditRecords.Entry> all = AuditRecords.read(c, new AuditRecords.Query(Set.of(), null, null, null, 10));
            assertThat(all)
                    .extracting(AuditRecords.Entry::actor)
                    .containsExactly("province", "both", "officer-south", "officer-north", "old");
            assertThat(AuditRecords.read(c, new AuditRecords.Query(Set.of("north"), null, null, null, 10)))
                    .extracting(AuditRecords.Entry::actor)
                    .containsExactly("both", "officer-north", "old");
            assertThat(AuditRecords.read(
                            c, new AuditRecords.Query(Set.of("north"), NOW.minusSeconds(90), NOW, null, 10)))
                    .extracting(AuditRecords.Entry::actor)
                    .containsExactly("officer-north");
            List<AuditRecords.Entry> page = AuditRecords.read(c, new AuditRecords.Query(Set.of(), null, null, null, 2));
            assertThat(AuditRecords.read(
                            c,
                            new AuditRecords.Query(
                                    Set.of(), null, null, page.get(1).id(), 2)))
                    .extracting(AuditRecords.Entry::actor)
                    .containsExactly("officer-south", "officer-north");
            assertThat(all.get(1).sites()).containsExactlyInAnyOrder("north", "south");
            assertThat(all.get(1).detail()).isEqualTo("{\"k\":1}");
            assertThat(AuditRecords.lastSignIns(c, "sign-in")).containsEntry("both", NOW);

            assertThat(store.purgeAuditBefore(NOW.minus(Duration.ofDays(400)))).isEqualTo(1);
            assertThat(AuditRecords.read(c, new AuditRecords.Query(Set.of(), null, null, null, 10)))
                    .extracting(AuditRecords.Entry::actor)
                    .doesNotContain("old")
                    .hasSize(4);
        }
    }

    @Test
    void revocationsKeepTheHighestGenerationAndForgetExpiredTokens() throws Exception {
        try (Store store = SqliteStore.open(dir);
                Connection c = store.connect()) {
            RevocationRecords.saveGeneration(c, "kiosk1", new RevocationRecords.Generation(3, null), NOW);
            RevocationRecords.saveGeneration(c, "kiosk1", new RevocationRecords.Generation(2, "t-old"), NOW);
            RevocationRecords.saveGeneration(c, "officer1", new RevocationRecords.Generation(1, "t1"), NOW);
            assertThat(RevocationRecords.generations(c))
                    .isEqualTo(Map.of(
                            "kiosk1", new RevocationRecords.Generation(3, null),
                            "officer1", new RevocationRecords.Generation(1, "t1")));

            RevocationRecords.revokeToken(c, "a", NOW.plusSeconds(60), NOW);
            RevocationRecords.revokeToken(c, "b", NOW.minusSeconds(1), NOW);
            assertThat(RevocationRecords.revokedTokens(c, null, NOW)).containsOnlyKeys("a");
            assertThat(RevocationRecords.revokedTokens(c, NOW.plusSeconds(1), NOW))
                    .isEmpty();
            assertThat(RevocationRecords.purgeExpired(c, NOW)).isEqualTo(1);
        }
    }

    private static AuditRecords.Entry entry(Instant at, String actor, Set<String> sites) {
        return new AuditRecords.Entry(0, at, actor, "127.0.0.1", "sign-in", sites, null, "{\"k\":1}");
    }
}
