package org.xephang.core.engine;

import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.Role;
import org.xephang.core.Actor;
import org.xephang.core.counter.CounterDesk;
import org.xephang.core.ticket.TicketRecord;

/**
 * Who may act at which counter: an OFFICER acts only at the counter they are signed in to; SUPERVISOR and ADMIN
 * anywhere; other roles not at all (a KIOSK only rates). Each check throws {@link QueueError} before a command changes
 * anything.
 */
final class OfficerRule {

    private final SiteState state;

    OfficerRule(SiteState state) {
        this.state = state;
    }

    /** The officer rule at a desk; a {@code null} desk (the ticket is at no counter) passes any staff member. */
    void requireActsAt(Actor actor, CounterDesk desk) {
        if (actor.role() == Role.SUPERVISOR || actor.role() == Role.ADMIN) {
            return;
        }
        if (actor.role() != Role.OFFICER) {
            throw forbidden(actor);
        }
        if (desk == null) {
            return; // the ticket is at no counter: the state machine refuses what needs one, with its own message
        }
        if (!actor.username().equals(desk.officer())) {
            throw new QueueError(
                    ErrorCode.NOT_SIGNED_IN,
                    "Bạn chưa đăng nhập quầy " + desk.number() + "; cán bộ chỉ thao tác tại quầy mình đã đăng nhập.",
                    "You are not signed in at counter " + desk.number()
                            + "; officers act only at the counter they signed in at.");
        }
    }

    /** The officer rule at the counter holding a ticket (any staff member for a ticket at none). */
    void requireActsOn(Actor actor, TicketRecord ticket) {
        requireActsAt(actor, state.deskOf(ticket));
    }

    /** For a ticket at a counter: the officer rule at that counter; otherwise any signed-in officer. */
    void requireMayHandle(Actor actor, TicketRecord ticket) {
        if (ticket.state().isAtCounter()) {
            requireActsAt(actor, state.deskOf(ticket));
            return;
        }
        requireStaff(actor);
        if (actor.role() == Role.OFFICER) {
            CounterDesk desk = state.deskSignedInBy(actor.username())
                    .orElseThrow(() -> new QueueError(
                            ErrorCode.NOT_SIGNED_IN,
                            "Bạn chưa đăng nhập quầy nào.",
                            "You are not signed in at any counter."));
            requireServesLine(actor, ticket, desk);
        }
    }

    /**
     * An officer takes a waiting ticket only when the counter they sit at serves its line or the ticket was transferred
     * to that counter (docs/architecture.md §11); supervisors and administrators take any.
     */
    void requireServesLine(Actor actor, TicketRecord ticket, CounterDesk desk) {
        if (actor.role() != Role.OFFICER || ticket.state().isAtCounter()) {
            return;
        }
        if (ticket.counter() != null && ticket.counter() == desk.number()) {
            return;
        }
        boolean serves = state.config()
                .counter(desk.number())
                .map(counter -> counter.services().contains(ticket.service()))
                .orElse(false);
        if (!serves) {
            throw new QueueError(
                    ErrorCode.FORBIDDEN,
                    "Quầy " + desk.number() + " không phục vụ lĩnh vực " + ticket.service()
                            + "; cán bộ chỉ xử lý vé của lĩnh vực quầy mình phục vụ hoặc vé được chuyển đến quầy mình.",
                    "Counter " + desk.number() + " does not serve the service " + ticket.service()
                            + "; officers handle only tickets of the services their counter serves or tickets transferred to their counter.");
        }
    }

    /** Linking a dossier: the officer rule at the counter the ticket names, whatever its state. */
    void requireMayLinkDossier(Actor actor, TicketRecord ticket) {
        requireActsAt(actor, state.deskNamedBy(ticket));
    }

    /**
     * Rating: only from the counter that served the ticket (its keypad, through the officer's session there), or a
     * supervisor or administrator; a kiosk or display never rates (issue 13 finding 5).
     */
    void requireMayRate(Actor actor, TicketRecord ticket) {
        requireActsAt(actor, state.deskNamedBy(ticket));
    }

    /** An officer, supervisor or admin. */
    void requireStaff(Actor actor) {
        if (actor.role() != Role.OFFICER && actor.role() != Role.SUPERVISOR && actor.role() != Role.ADMIN) {
            throw forbidden(actor);
        }
    }

    private static QueueError forbidden(Actor actor) {
        return new QueueError(
                ErrorCode.FORBIDDEN,
                "Tài khoản " + actor.role() + " không được làm việc này.",
                "An account with role " + actor.role() + " may not do this.");
    }
}
