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
