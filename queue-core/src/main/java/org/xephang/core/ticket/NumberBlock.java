package org.xephang.core.ticket;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A block of one service's numbers of one local day, leased to one kiosk for offline issuing
 * (docs/adr/0029-offline-issuing.md): {@code first..last}, of which {@code used} were uploaded as tickets so far. Nobody
 * else issues these numbers. Immutable.
 *
 * @param kiosk the kiosk's account (role KIOSK)
 */
public record NumberBlock(
        String id,
        String site,
        String kiosk,
        String service,
        LocalDate day,
        int first,
        int last,
        int used,
        Instant leasedAt) {

    public NumberBlock {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(kiosk, "kiosk");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(day, "day");
        if (first < 1 || last < first || used < 0) {
            throw new IllegalArgumentException(
                    "a block is first..last with 1 ≤ first ≤ last, got " + first + ".." + last);
        }
    }

    public int size() {
        return last - first + 1;
    }

    /** The numbers of the block not yet uploaded (the kiosk may have issued some of them offline meanwhile). */
    public int unused() {
        return Math.max(0, size() - used);
    }
}
