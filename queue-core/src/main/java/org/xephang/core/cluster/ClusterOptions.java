package org.xephang.core.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a node joins the cluster ({@code xephang server --cluster}): the address and port its cluster manager listens on
 * and the fixed list of members to contact (TCP/IP; multicast is never used: sites' networks often forbid it).
 *
 * @param host the address the node binds and advertises to the other members
 * @param port the cluster port (Hazelcast's member port, also used by nothing else)
 * @param members {@code host:port} of the other nodes (this node may be listed too); empty = the first node alone
 * @param holdBack how long a node that (re)joined waits before other live nodes hand it sites they serve ({@link
 *     HoldBack}); it takes a dead node's sites at once
 */
public record ClusterOptions(String host, int port, List<Member> members, Duration holdBack) {

    /** Hazelcast's default member port. */
    public static final int DEFAULT_PORT = 5701;

    /**
     * How long a (re)joined node is held back by default: longer than a restart's settling (JIT, the first sites taken),
     * short enough that the sites spread again within a minute.
     */
    public static final Duration DEFAULT_HOLD_BACK = Duration.ofSeconds(20);

    /** The options with the default hold-back. */
    public ClusterOptions(String host, int port, List<Member> members) {
        this(host, port, members, DEFAULT_HOLD_BACK);
    }

    /** A member to contact. */
    public record Member(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    public ClusterOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the cluster address is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the cluster port must be a number from 1 to 65535, got " + port);
        }
        members = List.copyOf(members);
        if (holdBack == null || holdBack.isNegative()) {
            throw new IllegalArgumentException("the hold-back of a joining node must be 0 s or more, got " + holdBack);
        }
    }

    /** This node's name in the cluster and in the site leases: {@code host:port}. */
    public String nodeName() {
        return host + ":" + port;
    }

    /**
     * Reads {@code --cluster-members}: {@code host:port} separated by commas (a member without a port uses {@link
     * #DEFAULT_PORT}).
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static List<Member> parseMembers(String text) {
        List<Member> members = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return members;
        }
        for (String entry : text.split(",")) {
            String item = entry.strip();
            if (item.isEmpty()) {
                throw new IllegalArgumentException("an empty member in \"" + text + "\"");
            }
            int colon = item.lastIndexOf(':');
            String host = colon < 0 ? item : item.substring(0, colon);
            int port = DEFAULT_PORT;
            if (colon >= 0) {
                try {
                    port = Integer.parseInt(item.substring(colon + 1));
                } catch (NumberFormatException notANumber) {
                    throw new IllegalArgumentException("\"" + item + "\" is not host:port");
                }
            }
            if (host.isBlank() || port < 1 || port > 65535) {
                throw new IllegalArgumentException("\"" + item + "\" is not host:port with a port from 1 to 65535");
            }
            members.add(new Member(host, port));
        }
        return members;
    }
}
