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
    void anOutageThatBeganAfterTheNextKillIsThatKillsAndCountedOnce() {
        // s001 ran on a node that stayed up at the first kill, and on the one killed second, 20 s later.
        Map<String, List<TakeoverProbe.Outage>> outages = Map.of(
                "s001", List.of(new TakeoverProbe.Outage(s(30.05), s(32.5))),
                "s002", List.of(new TakeoverProbe.Outage(s(10.05), s(12)), new TakeoverProbe.Outage(s(30.1), s(33))));

        List<Long> samples = TakeoverProbe.takeoverMillis(List.of(s(10), s(30)), outages, TimeUnit.SECONDS.toNanos(30));

        assertThat(samples).as("not 22,500 ms for the first kill").containsExactlyInAnyOrder(2000L, 2500L, 3000L);
        assertThat(TakeoverProbe.slowSamples(List.of(s(10), s(30)), outages, TimeUnit.SECONDS.toNanos(30), 2_500))
                .containsExactly(
                        "kill 2 site s002: dark from +100 ms to +3000 ms",
                        "kill 2 site s001: dark from +50 ms to +2500 ms");
    }

    @Test
    void aKilledNodesSiteIsServedAgainWhenTheFirstProbeStartedAfterTheKillAnswersEvenIfANodeHeldIt() {
        Map<String, List<long[]>> served = Map.of(
                "s001", List.of(new long[] {s(9.9), s(9.91)}, new long[] {s(10.1), s(12.6)}), // held 2.5 s, then served
                "s002", List.of(new long[] {s(13), s(13.01)}),
                "s003", List.of(new long[] {s(10.2), s(10.21)}), // owned by a node that stayed up
                "s004", List.of(new long[] {s(31), s(31.01)})); // served only after the next kill
        java.util.concurrent.atomic.AtomicInteger unserved = new java.util.concurrent.atomic.AtomicInteger();

        List<Long> samples = TakeoverProbe.servedAgainMillis(
                List.of(s(10), s(30)),
                List.of(java.util.Set.of("s001", "s002", "s004"), java.util.Set.of()),
                served,
                TimeUnit.SECONDS.toNanos(30),
                unserved);

        assertThat(samples).containsExactlyInAnyOrder(2600L, 3010L);
        assertThat(unserved.get()).as("s004, not served before the next kill").isEqualTo(1);
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
