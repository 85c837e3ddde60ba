package org.xephang.core.engine;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.xephang.api.ErrorCode;
import org.xephang.api.IssuingState;
import org.xephang.api.QueueError;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot;
import org.xephang.api.SiteInfo;
import org.xephang.api.Ticket;
import org.xephang.api.WaitingTicket;
import org.xephang.core.QueueService.Subscription;
import org.xephang.core.ticket.TicketRecord;
import org.xephang.core.ticket.TypedTicketNumber;

/**
 * The engine's read side: every query reads the immutable {@link SiteView} each site published after its last
 * committed group, from any thread, so it never waits for the writer and never sees a change before it is durable. A
 * subscription takes its snapshot and joins the site's subscribers under the publish lock, so it misses no event and
 * sees none twice.
 */
final class EngineQueries {

    private final EngineWriter writer;
    private final Clock clock;

    EngineQueries(EngineWriter writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    private SiteQueue existing(String siteCode) {
        SiteQueue site = writer.siteQueue(siteCode);
        if (site == null) {
            throw EngineWriter.unknownSite(siteCode);
        }
        return site;
    }

    private SiteView published(String siteCode) {
        return existing(siteCode).published();
    }

    SiteInfo site(String siteCode) {
        return existing(siteCode).config().toSiteInfo();
    }

    IssuingState issuing(String siteCode) {
        return existing(siteCode).issuing(clock.instant());
    }

    Optional<Ticket> ticket(String ticketId) {
        if (ticketId == null) {
            return Optional.empty();
        }
        for (SiteQueue site : writer.siteQueues()) {
            SiteView view = site.published();
            Optional<TicketRecord> ticket = view.find(ticketId);
            if (ticket.isPresent()) {
                return Optional.of(view.ticket(ticket.get()));
            }
        }
        return Optional.empty();
    }

    Optional<Ticket> ticketByNumber(String site, String number) {
        SiteView view = published(site);
        TypedTicketNumber wanted = TypedTicketNumber.parse(number)
                .orElseThrow(() -> new QueueError(
                        ErrorCode.INVALID_REQUEST,
                        "Số vé phải gồm chữ cái của lĩnh vực và các chữ số, ví dụ A012.",
                        "A ticket number is the service letter followed by digits, for example A012."));
        return view.findByNumber(wanted).map(view::ticket);
    }

    List<WaitingTicket> waiting(String site, String service) {
        return published(site).waiting(service);
    }

    QueueSnapshot snapshot(String site) {
        return published(site).snapshot();
    }

    Subscription subscribe(String siteCode, Consumer<QueueEvent> listener) {
        SiteQueue site = existing(siteCode);
        Consumer<QueueEvent> wrapper = listener::accept;
        QueueSnapshot snapshot;
        writer.publishLock().lock();
        try {
            snapshot = site.published().snapshot();
            site.subscribers().add(wrapper);
        } finally {
            writer.publishLock().unlock();
        }
        return new Subscription() {
            @Override
            public QueueSnapshot snapshot() {
                return snapshot;
            }

            @Override
            public void close() {
                site.subscribers().remove(wrapper);
            }
        };
    }
}
