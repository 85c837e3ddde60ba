package org.xephang.core.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.xephang.api.TicketState;

/**
 * What the statistics need of one ticket: where it went, who served it, its times and its rating. No personal data
 * is stored with a ticket, so none is here.
 *
 * @param counter the counter that called or served it, or null
 * @param officer the username of the officer who called or served it, or null
 * @param nationalRating 1 Rất hài lòng, 2 Hài lòng, 3 Không hài lòng; null when not rated
 */
public record TicketFacts(
        String service,
        Integer counter,
        String officer,
        boolean priority,
        TicketState state,
        LocalDate localDay,
        Instant issuedAt,
        Instant calledAt,
        Instant startedAt,
        Instant finishedAt,
        boolean dossierLinked,
        Integer nationalRating) {

    /** Called − issued, or null when not called. */
    Duration waited() {
        return between(issuedAt, calledAt);
    }

    /** Started − called: the walk to the counter. */
    Duration walked() {
        return between(calledAt, startedAt);
    }

    /** Finished − started, for served tickets. */
    Duration served() {
        return state == TicketState.DONE ? between(startedAt, finishedAt) : null;
    }

    private static Duration between(Instant from, Instant to) {
        return from == null || to == null || to.isBefore(from) ? null : Duration.between(from, to);
    }
}
