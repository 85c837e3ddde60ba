package org.xephang.core.site;

/**
 * Offline issuing at the kiosks (config {@code offline:}; docs/adr/0029-offline-issuing.md): how many numbers of a
 * service a kiosk is leased at a time, and below how many unused ones it asks for the next block. Off by default
 * ({@link #OFF}): a leased block makes the online numbers skip ahead when they reach it, which a site should choose.
 * Immutable.
 *
 * @param blockSize the numbers in one block, 1 to {@value #MAX_BLOCK_SIZE}; 0 = offline issuing off
 * @param refillBelow a kiosk asks for its next block once fewer than this many of its numbers are left (0 to the
 *     block size)
 */
public record OfflineSettings(int blockSize, int refillBelow) {

    public static final int MAX_BLOCK_SIZE = 500;
    public static final int DEFAULT_BLOCK_SIZE = 20;
    public static final int DEFAULT_REFILL_BELOW = 5;

    /** No blocks are leased; a kiosk that cannot reach the server issues nothing. */
    public static final OfflineSettings OFF = new OfflineSettings(0, 0);

    public OfflineSettings {
        if (blockSize < 0 || blockSize > MAX_BLOCK_SIZE || refillBelow < 0 || refillBelow > blockSize) {
            throw new IllegalArgumentException("offline: blockSize must be 0 to " + MAX_BLOCK_SIZE
                    + " and refillBelow 0 to blockSize, got " + blockSize + " and " + refillBelow);
        }
    }

    /** Whether kiosks are leased numbers at all. */
    public boolean enabled() {
        return blockSize > 0;
    }

    /**
     * {@code offline: {blockSize: 20, refillBelow: 5}} ({@code enabled: false} or an absent key: {@link #OFF});
     * {@code offline: {}} takes the defaults.
     */
    static OfflineSettings read(ConfigNode node) {
        if (node.isMissing() || !node.isMapping()) {
            return OFF;
        }
        node.allowOnly("enabled", "blockSize", "refillBelow");
        boolean enabled = node.bool("enabled", true);
        int size = node.integer("blockSize", DEFAULT_BLOCK_SIZE, 1, MAX_BLOCK_SIZE);
        int refill = node.integer("refillBelow", Math.min(DEFAULT_REFILL_BELOW, size), 0, MAX_BLOCK_SIZE);
        if (refill > size) {
            node.child("refillBelow").problem("must not be larger than blockSize (" + size + "), was " + refill);
            refill = size;
        }
        return enabled ? new OfflineSettings(size, refill) : OFF;
    }
}
