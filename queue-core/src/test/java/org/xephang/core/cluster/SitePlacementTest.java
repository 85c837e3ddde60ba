package org.xephang.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Rendezvous hashing: every node agrees, the sites spread, and a leaving node moves only its own sites. */
class SitePlacementTest {

    static final List<String> SITES =
            IntStream.range(0, 200).mapToObj(i -> "site-" + i).toList();
    static final List<String> NODES = List.of("10.0.0.1:5701", "10.0.0.2:5701", "10.0.0.3:5701");

    @Test
    void theOrderOfTheMemberListDoesNotChangeTheOwner() {
        List<String> reversed = new ArrayList<>(NODES);
        java.util.Collections.reverse(reversed);
        for (String site : SITES) {
            assertThat(SitePlacement.owner(site, reversed)).isEqualTo(SitePlacement.owner(site, NODES));
        }
    }

    @Test
    void sitesSpreadOverTheNodes() {
        Map<String, Integer> count = new HashMap<>();
        SITES.forEach(site -> count.merge(SitePlacement.owner(site, NODES).orElseThrow(), 1, Integer::sum));

        assertThat(count).containsOnlyKeys(NODES);
        assertThat(count.values()).allSatisfy(n -> assertThat(n).isBetween(40, 95));
        assertThat(NODES.stream()
                        .mapToInt(node ->
                                SitePlacement.sitesOf(node, SITES, NODES).size())
                        .sum())
                .isEqualTo(SITES.size());
    }

    @Test
    void whenANodeLeavesOnlyItsSitesMove() {
        List<String> survivors = NODES.subList(0, 2);
        for (String site : SITES) {
            String before = SitePlacement.owner(site, NODES).orElseThrow();
            String after = SitePlacement.owner(site, survivors).orElseThrow();
            if (!before.equals(NODES.get(2))) {
                assertThat(after).as(site).isEqualTo(before);
            }
        }
    }

    @Test
    void noMemberOwnsNothing() {
        assertThat(SitePlacement.owner("site-1", List.of())).isEmpty();
    }

    @Test
    void assignedSitesAreBalancedWithinOneOfEachOther() {
        List<String> six = SITES.subList(0, 6);

        Map<String, String> placed = SitePlacement.assign(six, NODES);

        assertThat(placed).containsOnlyKeys(six);
        Map<String, Integer> count = new HashMap<>();
        placed.values().forEach(node -> count.merge(node, 1, Integer::sum));
        assertThat(count)
                .containsOnlyKeys(NODES)
                .allSatisfy((node, n) -> assertThat(n).isEqualTo(2));
        List<String> reversed = new ArrayList<>(NODES);
        java.util.Collections.reverse(reversed);
        assertThat(SitePlacement.assign(six, reversed)).isEqualTo(placed);
    }

    @Test
    void whenANodeLeavesItsAssignedSitesGoToTheOthersAndFewOthersMove() {
        Map<String, String> before = SitePlacement.assign(SITES, NODES);
        Map<String, String> after = SitePlacement.assign(SITES, NODES.subList(0, 2));

        assertThat(after.values()).doesNotContain(NODES.get(2)).contains(NODES.get(0), NODES.get(1));
        long movedOthers = SITES.stream()
                .filter(site -> !before.get(site).equals(NODES.get(2)))
                .filter(site -> !before.get(site).equals(after.get(site)))
                .count();
        assertThat(movedOthers).isLessThan(SITES.size() / 4);
        assertThat(SitePlacement.assign(SITES, List.of())).isEmpty();
    }
}
