package org.xephang.core.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.core.persistence.AuditRecords;
import org.xephang.core.persistence.GroupCommitWriter;
import org.xephang.core.persistence.TicketArchive;
import org.xephang.core.persistence.TicketArchive.Purged;
import org.xephang.core.site.SiteConfig;

/**
 * The daily data-retention purge (issue #19; docs/retention.md): once per site and local day, the tickets
 * of days more than the site's {@code retention.ticketDays} ago, with their events, ratings, messages and bookings,
 * are deleted and their facts kept as the days' statistics aggregates. It runs on the writer in small steps, one write
 * group each, so issuing and calling go on between them; what it removed (counts only) is written to the audit log
 * and the server's log.
 */
final class RetentionPurge {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);

    /** Who and what the audit log names for a purge. */
    static final String ACTOR = "system";

    static final String ACTION = "retention.purge";

    /** Rows of one kind deleted by one write group at most. */
    static final int STEP = 500;

    private final GroupCommitWriter writer;
    private final Supplier<Collection<SiteConfig>> sites;
    private final Clock clock;
    private final Map<String, LocalDate> purgedOn = new HashMap<>();

    RetentionPurge(GroupCommitWriter writer, Supplier<Collection<SiteConfig>> sites, Clock clock) {
        this.writer = writer;
        this.sites = sites;
        this.clock = clock;
    }

    /** Purges each site not purged yet on its current local day (housekeeping thread). */
    void runDue() {
        Instant now = clock.instant();
        for (SiteConfig site : sites.get()) {
            LocalDate today = LocalDate.ofInstant(now, site.timeZone());
            synchronized (purgedOn) {
                if (today.equals(purgedOn.get(site.code()))) {
                    continue;
                }
                purgedOn.put(site.code(), today);
            }
            purge(site, now).whenComplete((purged, failure) -> {
                if (failure != null) {
                    synchronized (purgedOn) {
                        purgedOn.remove(site.code()); // tried again at the next check
                    }
                    LOG.warn("Site {}: the retention purge failed: {}", site.code(), failure.getMessage());
                }
            });
        }
    }

    /**
     * Purges what the site's retention period has ended for at {@code now}; completes with what was removed. The first
     * day kept is {@code ticketDays} before the site's local day of {@code now}.
     */
    CompletionStage<Purged> purge(SiteConfig site, Instant now) {
        LocalDate firstKept = LocalDate.ofInstant(now, site.timeZone())
                .minusDays(site.retention().ticketDays());
        Instant eventsBefore = firstKept.atStartOfDay(site.timeZone()).toInstant();
        return step(site, firstKept, eventsBefore, Purged.NOTHING).thenCompose(total -> {
            if (total.isEmpty()) {
                return CompletableFuture.completedFuture(total);
            }
            return writer.submit(tx -> {
                        AuditRecords.append(tx.connection(), auditEntry(site, firstKept, total, now));
                        return total;
                    })
                    .thenApply(recorded -> {
                        LOG.info(
                                "Site {}: retention purge before {}: {} ticket(s), {} event(s), {} rating(s), {} message(s),"
                                        + " {} booking(s) deleted; their statistics kept as daily aggregates",
                                site.code(),
                                firstKept,
                                total.tickets(),
                                total.events(),
                                total.ratings(),
                                total.messages(),
                                total.bookings());
                        return total;
                    });
        });
    }

    /** What the audit log keeps of a purge: the site, the first day kept and the counts (issue #19). */
    private static AuditRecords.Entry auditEntry(SiteConfig site, LocalDate firstKept, Purged total, Instant now) {
        String detail = String.format(
                "{\"before\":\"%s\",\"tickets\":%d,\"events\":%d,\"ratings\":%d,\"messages\":%d,\"bookings\":%d}",
                firstKept, total.tickets(), total.events(), total.ratings(), total.messages(), total.bookings());
        return new AuditRecords.Entry(0, now, ACTOR, null, ACTION, Set.of(site.code()), site.code(), detail);
    }

    private CompletionStage<Purged> step(SiteConfig site, LocalDate firstKept, Instant eventsBefore, Purged sofar) {
        return writer.submit(tx -> new TicketArchive(tx.connection())
                        .purgeStep(site.code(), firstKept, eventsBefore, site.timeZone(), STEP))
                .thenCompose(purged -> purged.tickets() < STEP && purged.events() < STEP
                        ? CompletableFuture.completedFuture(sofar.plus(purged))
                        : step(site, firstKept, eventsBefore, sofar.plus(purged)));
    }
}
