package org.xephang.core.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one node does at a placement check (docs/adr/0033-takeover-without-waiting-the-lease.md), from what every node
 * sees alike: the placement of the sites over the serving members ({@link SitePlacement#assign}), the members that
 * {@linkplain HoldBack settled}, and the live owner each site has now. Plain Java.
 *
 * <ul>
 *   <li>A site this node runs but placed on another member is <b>given back</b> only when that member settled, or
 *       while no member has settled (a cluster starting node after node spreads at once): a node that (re)joined a
 *       running cluster gets no site another live node serves, so a restart does not cause a second
 *       outage of the sites that moved away from it; once it settled the sites move to it by clean hand-overs.
 *   <li>A site placed here and not run here is <b>taken</b> unless another live node runs it (it gives the site back
 *       when this node settled): a dead node's sites are taken at once, also by a node that just joined.
 * </ul>
 *
 * @param giveBack the sites to give back, in code order
 * @param take the sites to take, in code order
 */
record PlacementPlan(List<String> giveBack, List<String> take) {

    static PlacementPlan of(
            Collection<String> sites,
            Map<String, String> placed,
            String self,
            Set<String> running,
            Set<String> settled,
            Map<String, String> liveOwners) {
        List<String> giveBack = new ArrayList<>();
        List<String> take = new ArrayList<>();
        for (String site : new java.util.TreeSet<>(sites)) {
            String target = placed.get(site);
            if (running.contains(site)) {
                if (target != null && !target.equals(self) && (settled.contains(target) || settled.isEmpty())) {
                    giveBack.add(site);
                }
            } else if (self.equals(target)) {
                String owner = liveOwners.get(site);
                if (owner == null || owner.equals(self)) {
                    take.add(site);
                }
            }
        }
        return new PlacementPlan(List.copyOf(giveBack), List.copyOf(take));
    }
}
