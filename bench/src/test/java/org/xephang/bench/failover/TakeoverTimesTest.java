package org.xephang.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xephang.bench.harness.RunDatabase;

class TakeoverTimesTest {

    private static long s(double seconds) {
        return Math.round(seconds * 1000) * 1_000_000L;
    }

    @Test
    void aSiteThatWentDarkAfterAKillGivesTheTimeFromTheKillToTheFirstProbeServedAgain() {
        Map<String, List<TakeoverProbe.Outage>> outages = Map.of(
                "s001", List.of(new TakeoverProbe.Outage(s(10.05), s(17.2))),
                "s002", List.of(new TakeoverProbe.Outage(s(9.95), s(16.9))), // a probe under way at the kill
                "s003", List.of()); // owned by a node that stayed up

        List<Long> samples = TakeoverProbe.takeoverMillis(List.of(s(10)), outages, TimeUnit.SECONDS.toNanos(30));

        assertThat(samples).containsExactlyInAnyOrder(7200L, 6900L);
    }

    @Test
    void eachKillCountsOnlyTheOutageThatFollowedItAndAnOutageNotOverIsNoSample() {
        Map<String, List<TakeoverProbe.Outage>> outages = Map.of(
                "s001",
                List.of(
                        new TakeoverProbe.Outage(s(3), s(4)), // before the first kill: a slow start
                        new TakeoverProbe.Outage(s(10.1), s(18)),
                        new TakeoverProbe.Outage(s(50.1), s(55))),
                "s002",
                List.of(new TakeoverProbe.Outage(s(50.2), -1)));

        List<Long> samples = TakeoverProbe.takeoverMillis(List.of(s(10), s(50)), outages, TimeUnit.SECONDS.toNanos(30));

        assertThat(samples).containsExactly(8000L, 5000L);
    }

    @Test
    void percentilesAreNearestRankAndNoneWithoutSamples() {
        List<Long> sorted = List.of(1000L, 2000L, 3000L, 4000L, 9000L);

        assertThat(FailoverScenario.percentile(sorted, 50)).isEqualTo(3000L);
        assertThat(FailoverScenario.percentile(sorted, 99)).isEqualTo(9000L);
        assertThat(FailoverScenario.percentile(List.of(), 50)).isEqualTo(-1L);
    }

    @Test
    void theStoreUrlIsReadAndWrittenBackForTheRunsOwnDatabase() {
        RunDatabase.Location location =
                RunDatabase.Location.parse("postgresql://db1:5433/postgres?user=xephang&password=s%26cret");

        assertThat(location.host()).isEqualTo("db1");
        assertThat(location.port()).isEqualTo(5433);
        assertThat(location.password()).isEqualTo("s&cret");
        assertThat(location.withDatabase("xephang_failover_1").storeUrl())
                .isEqualTo("postgresql://db1:5433/xephang_failover_1?user=xephang&password=s%26cret");
        assertThat(location.toString()).doesNotContain("cret");
    }
}
