package org.xephang.core.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which live node should own a site: rendezvous (highest random weight) hashing over the member list. Every node
 * computes the same answer from the same list, and when a member leaves only its sites move (each to the member with
 * the next-highest weight for that site). The lease in PostgreSQL decides who really owns a site; this only says who
 * should try to take it.
 */
public final class SitePlacement {

    private SitePlacement() {}

    /** The member that should own {@code site}, or empty when there is no member. */
    public static Optional<String> owner(String site, Collection<String> members) {
        return members.stream()
                .max(Comparator.comparingLong((String member) -> weight(site, member))
                        .thenComparing(Comparator.naturalOrder()));
    }

    /** The sites of {@code sites} that {@code member} should own among {@code members}. */
    public static List<String> sitesOf(String member, Collection<String> sites, Collection<String> members) {
        return sites.stream()
                .filter(site -> owner(site, members).map(member::equals).orElse(false))
                .toList();
    }

    /**
     * Every site's member with bounded loads: sites in code order each go to the member of highest weight that holds
     * fewer than {@code ceil(sites / members)}, so 6 sites on 3 nodes are 2 + 2 + 2 while pure rendezvous hashing may
     * put 4 on one. Every node computes the same map from the same lists; a member leaving moves its own sites and, at
     * most, a few others whose preferred member was full. Empty when there is no member.
     */
    public static java.util.Map<String, String> assign(Collection<String> sites, Collection<String> members) {
        java.util.Map<String, String> owners = new java.util.TreeMap<>();
        if (members.isEmpty()) {
            return owners;
        }
        int capacity = (sites.size() + members.size() - 1) / members.size();
        java.util.Map<String, Integer> load = new java.util.HashMap<>();
        for (String site : new java.util.TreeSet<>(sites)) {
            String chosen = members.stream()
                    .filter(member -> load.getOrDefault(member, 0) < capacity)
                    .max(Comparator.comparingLong((String member) -> weight(site, member))
                            .thenComparing(Comparator.naturalOrder()))
                    .orElseThrow();
            load.merge(chosen, 1, Integer::sum);
            owners.put(site, chosen);
        }
        return owners;
    }

    static long weight(String site, String member) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((site + "\u0000" + member).getBytes(StandardCharsets.UTF_8));
            long weight = 0;
            for (int i = 0; i < 8; i++) {
                weight = (weight << 8) | (digest[i] & 0xff);
            }
            return weight;
        } catch (NoSuchAlgorithmException noSha256) {
            throw new IllegalStateException("every Java runtime has SHA-256", noSha256);
        }
    }
}
