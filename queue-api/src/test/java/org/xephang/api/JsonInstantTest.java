package org.xephang.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The instants of every answer and event are written exactly as {@link Instant#toString()} writes them. */
class JsonInstantTest {

    @Test
    void randomInstantsFrom1970ToTheYear9999ReadAsInstantToStringWritesThem() {
        Random random = new Random(20261206);
        for (int i = 0; i < 200_000; i++) {
            long seconds = Math.floorMod(random.nextLong(), 253_402_300_800L);
            int nanos = switch (i % 5) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(Json.instant(instant)).as("%s", instant).isEqualTo(instant.toString());
        }
    }

    @Test
    void theEdgesOfTheFastPathAndBeyondItAgreeWithInstantToString() {
        for (Instant instant : new Instant[] {
            Instant.EPOCH,
            Instant.ofEpochSecond(0, 1),
            Instant.ofEpochSecond(-1, 999_999_999),
            Instant.parse("2024-02-29T23:59:59.999Z"),
            Instant.parse("2026-12-06T17:00:00.010Z"),
            Instant.parse("2000-03-01T00:00:00Z"),
            Instant.parse("2100-02-28T12:00:00.000100Z"),
            Instant.parse("9999-12-31T23:59:59.999999999Z"),
            Instant.ofEpochSecond(253_402_300_800L),
            Instant.MIN,
            Instant.MAX
        }) {
            assertThat(Json.instant(instant)).as("%s", instant).isEqualTo(instant.toString());
        }
        assertThat(Json.instant((Instant) null)).isNull();
    }
}
