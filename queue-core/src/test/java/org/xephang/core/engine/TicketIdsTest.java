package org.xephang.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TicketIdsTest {

    @Test
    void idsAreSixteenUrlSafeCharactersInTheOrderOfTheirTimesAndNeverRepeat() {
        Instant t0 = Instant.parse("2026-12-06T01:00:00Z");
        Set<String> seen = new HashSet<>();
        String previous = "";
        for (int i = 0; i < 10_000; i++) {
            String id = TicketIds.next(t0.plusMillis(i / 4));
            assertThat(id).hasSize(16).matches("[A-Za-z0-9_-]{16}");
            if (i % 4 == 0) {
                assertThat(id).isGreaterThan(previous);
            }
            assertThat(seen.add(id)).isTrue();
            previous = id;
        }
    }

    @Test
    void idsOfTheSameMillisecondDifferInTheirRandomPart() {
        Instant t0 = Instant.parse("2026-12-06T01:00:00Z");
        Set<String> suffixes = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String id = TicketIds.next(t0);
            assertThat(id.substring(0, 7)).isEqualTo(TicketIds.next(t0).substring(0, 7));
            suffixes.add(id.substring(7));
        }
        assertThat(suffixes).hasSize(1_000);
    }

    @Test
    void theTimePrefixSortsLikeTheTimeUntilTheYear2109() {
        String early = TicketIds.next(Instant.parse("2026-01-01T00:00:00Z"));
        String late = TicketIds.next(Instant.parse("2108-12-31T23:59:59Z"));
        assertThat(early.substring(0, 7)).isLessThan(late.substring(0, 7));
    }
}
