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
}
