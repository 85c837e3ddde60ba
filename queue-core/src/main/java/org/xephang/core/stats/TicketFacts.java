package org.xephang.core.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import org.xephang.api.TicketState;

/**
 * What the statistics need of one ticket: where it went, who served it, the hour it was issued, how long it waited,
 * walked and was served, and its rating. No personal data is stored with a ticket, so none is here; nor its number,
 * its id or its exact times, so the facts of a day outlive its tickets (the retention purge keeps them as the day's
 * aggregates, docs/retention.md).
 *
 * @param counter the counter that called or served it, or null
 * @param officer the username of the officer who called or served it, or null
 * @param issuedHour the hour (0–23) of the site's day it was issued in
 * @param waited called − issued, or null when not called
 * @param walked started − called (the walk to the counter), or null
 * @param served finished − started for served tickets, or null
 * @param nationalRating 1 Rất hài lòng, 2 Hài lòng, 3 Không hài lòng; null when not rated
 */
public record TicketFacts(
        String service,
        Integer counter,
        String officer,
        boolean priority,
        TicketState state,
        LocalDate localDay,
        int issuedHour,
        Duration waited,
        Duration walked,
        Duration served,
        boolean dossierLinked,
        Integer nationalRating) {

    public TicketFacts {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(localDay, "localDay");
        if (issuedHour < 0 || issuedHour > 23) {
            throw new IllegalArgumentException("issuedHour must be 0–23, got " + issuedHour);
        }
    }

    /** The facts of a ticket from its times, its hour read in the site's {@code zone}. */
    public static TicketFacts fromTimes(
            String service,
            Integer counter,
            String officer,
            boolean priority,
            TicketState state,
            LocalDate localDay,
            ZoneId zone,
            Instant issuedAt,
            Instant calledAt,
            Instant startedAt,
            Instant finishedAt,
            boolean dossierLinked,
            Integer nationalRating) {
        return new TicketFacts(
                service,
                counter,
                officer,
                priority,
                state,
                localDay,
                issuedAt.atZone(zone).getHour(),
                between(issuedAt, calledAt),
                between(calledAt, startedAt),
                state == TicketState.DONE ? between(startedAt, finishedAt) : null,
                dossierLinked,
                nationalRating);
    }

    private static Duration between(Instant from, Instant to) {
        return from == null || to == null || to.isBefore(from) ? null : Duration.between(from, to);
    }
}
