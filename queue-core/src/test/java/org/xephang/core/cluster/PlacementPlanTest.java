package org.xephang.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.xephang.testkit.MutableClock;

/**
 * What a node does at a placement check: a node that (re)joined takes a dead node's sites at once but is handed the
 * sites other live nodes serve only once it settled, and nobody takes a site another live node runs.
 */
class PlacementPlanTest {

    static final List<String> SITES =
            IntStream.range(0, 20).mapToObj(i -> String.format("s%02d", i)).toList();

    /** Every site of {@code owner} in {@code placed}. */
    private static Set<String> sitesOf(Map<String, String> placed, String owner) {
        Set<String> sites = new TreeSet<>();
        placed.forEach((site, node) -> {
            if (node.equals(owner)) {
                sites.add(site);
            }
        });
        return sites;
    }

    @Test
    void aRestartedNodeIsNotHandedTheSitesOfLiveNodesUntilItSettled() {
        // b and c run every site after a died; a came back (a new member id) and is not settled yet.
        Map<String, String> before = SitePlacement.assign(SITES, List.of("b", "c"));
        Map<String, String> liveOwners = new HashMap<>(before);
        Map<String, String> placed = SitePlacement.assign(SITES, List.of("a2", "b", "c"));
        assertThat(sitesOf(placed, "a2")).isNotEmpty();

        for (String node : List.of("b", "c")) {
            PlacementPlan plan =
                    PlacementPlan.of(SITES, placed, node, sitesOf(before, node), Set.of("b", "c"), liveOwners);
            // The bounded loads may move a site between b and c (both settled), but none goes to a2 yet.
            assertThat(plan.giveBack())
                    .as("%s hands nothing to a2 while it settles", node)
                    .allSatisfy(site -> assertThat(placed.get(site)).isNotEqualTo("a2"));
            assertThat(plan.take())
                    .as("%s takes nothing another live node runs", node)
                    .isEmpty();
        }
        PlacementPlan newcomer = PlacementPlan.of(SITES, placed, "a2", Set.of(), Set.of("b", "c"), liveOwners);
        assertThat(newcomer.take()).as("a2 takes nothing b or c runs").isEmpty();

        // Once a2 settled, b and c hand over exactly the sites placed on it, and a2 takes each once it is free.
        Set<String> handed = new TreeSet<>();
        for (String node : List.of("b", "c")) {
            PlacementPlan plan =
                    PlacementPlan.of(SITES, placed, node, sitesOf(before, node), Set.of("a2", "b", "c"), liveOwners);
            plan.giveBack().stream()
                    .filter(site -> placed.get(site).equals("a2"))
                    .forEach(handed::add);
            assertThat(plan.take()).isEmpty();
        }
        assertThat(handed).isEqualTo(sitesOf(placed, "a2"));
        handed.forEach(liveOwners::remove);
        PlacementPlan settled = PlacementPlan.of(SITES, placed, "a2", Set.of(), Set.of("a2", "b", "c"), liveOwners);
        assertThat(settled.take()).containsExactlyElementsOf(new TreeSet<>(sitesOf(placed, "a2")));
    }

    @Test
    void aDeadNodesSitesAreTakenAtOnceAlsoByANodeThatJustJoined() {
        Map<String, String> before = SitePlacement.assign(SITES, List.of("a", "b", "c"));
        // a died: its entries are no live owner any more; a2 (its restart) joined and is not settled.
        Map<String, String> liveOwners = new HashMap<>(before);
        liveOwners.values().removeIf("a"::equals);
        Map<String, String> placed = SitePlacement.assign(SITES, List.of("a2", "b", "c"));

        Set<String> taken = new TreeSet<>();
        for (String node : List.of("a2", "b", "c")) {
            Set<String> running = node.equals("a2") ? Set.of() : sitesOf(before, node);
            PlacementPlan plan = PlacementPlan.of(SITES, placed, node, running, Set.of("b", "c"), liveOwners);
            assertThat(plan.giveBack()).isEmpty();
            plan.take()
                    .forEach(site -> assertThat(taken.add(site))
                            .as("site %s taken by one node", site)
                            .isTrue());
        }
        assertThat(taken).as("every site of the dead node, and only those").isEqualTo(sitesOf(before, "a"));
    }

    @Test
    void aStartingClusterSpreadsAtOnceWithoutWaitingForAnyoneToSettle() {
        Map<String, String> placed = SitePlacement.assign(SITES, List.of("a", "b", "c"));
        for (String node : List.of("a", "b", "c")) {
            PlacementPlan plan = PlacementPlan.of(SITES, placed, node, Set.of(), Set.of(), Map.of());
            assertThat(plan.take()).containsExactlyElementsOf(new TreeSet<>(sitesOf(placed, node)));
        }
    }

    @Test
    void aNodeGivesBackASitePlacedOnASettledNodeAndKeepsItsOwn() {
        Map<String, String> placed = Map.of("s1", "a", "s2", "b");
        PlacementPlan plan =
                PlacementPlan.of(List.of("s1", "s2"), placed, "a", Set.of("s1", "s2"), Set.of("a", "b"), Map.of());
        assertThat(plan.giveBack()).containsExactly("s2");
        assertThat(plan.take()).isEmpty();
    }

    @Test
    void whileNoMemberHasSettledSitesAreHandedOverAtOnceSoAStartingClusterSpreads() {
        // a started first and took every site; b joined a few seconds later: neither has settled.
        Map<String, String> placed = SitePlacement.assign(SITES, List.of("a", "b"));
        PlacementPlan plan = PlacementPlan.of(SITES, placed, "a", Set.copyOf(SITES), Set.of(), Map.of());
        assertThat(plan.giveBack()).containsExactlyElementsOf(new TreeSet<>(sitesOf(placed, "b")));

        PlacementPlan settled = PlacementPlan.of(SITES, placed, "a", Set.copyOf(SITES), Set.of("a"), Map.of());
        assertThat(settled.giveBack()).as("a settled: b, just joined, waits").isEmpty();
        PlacementPlan restarted = PlacementPlan.of(SITES, placed, "a", Set.copyOf(SITES), Set.of("c"), Map.of());
        assertThat(restarted.giveBack())
                .as("a restarted itself in a running cluster: it hands nothing to b, just joined, either")
                .isEmpty();
    }

    @Test
    void aNodeSettlesAfterItsHoldBackByItsClock() {
        MutableClock clock = MutableClock.at(LocalDateTime.of(2026, 12, 7, 8, 0));
        HoldBack holdBack = new HoldBack(clock, Duration.ofSeconds(20));
        assertThat(holdBack.settled()).isFalse();
        clock.advance(Duration.ofSeconds(19));
        assertThat(holdBack.settled()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(holdBack.settled()).isTrue();
        assertThat(new HoldBack(clock, Duration.ZERO).settled()).isTrue();
        assertThatThrownBy(() -> new HoldBack(clock, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
