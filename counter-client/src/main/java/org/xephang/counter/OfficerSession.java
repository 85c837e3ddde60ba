package org.xephang.counter;

import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.xephang.api.DayBooking;
import org.xephang.api.QueueSnapshot.CounterView;
import org.xephang.api.Ticket;
import org.xephang.api.WaitingTicket;

/**
 * One signed-in officer's authority at the server (their token). Every call fails with a
 * {@link org.xephang.api.QueueError} carrying the server's Vietnamese explanation when refused.
 */
interface OfficerSession {

    String username();

    Future<CounterView> signIn(int counter);

    Future<CounterView> signOut(int counter);

    Future<Optional<Ticket>> callNext(int counter);

    Future<Ticket> call(String ticketId);

    Future<Ticket> recall(String ticketId);

    Future<Ticket> start(String ticketId);

    Future<Ticket> complete(String ticketId);

    Future<Ticket> noShow(String ticketId);

    /** Exactly one of {@code service} and {@code counter}; {@code front} puts it at the head of that queue. */
    Future<Ticket> transfer(String ticketId, String service, Integer counter, boolean front);

    Future<Ticket> linkDossier(String ticketId, String code);

    Future<Ticket> rate(String ticketId, int level, int scale, String device);

    Future<CounterView> pause(int counter, String reason);

    Future<CounterView> resume(int counter);

    Future<Ticket> ticket(String ticketId);

    /**
     * Today's ticket of the site printed with {@code number} ({@code A012}; the server also reads {@code a12}); fails
     * with UNKNOWN_TICKET when there is none.
     */
    Future<Ticket> ticketByNumber(String number);

    /** The site's waiting tickets (numbers, priority, issue time, position; no personal data). */
    Future<List<WaitingTicket>> waiting();

    /** The site's bookings of the local {@code day} (code, field, slot, checked in; no names or phones). */
    Future<List<DayBooking>> appointments(LocalDate day);

    /** Forgets the officer's token (after they signed out and their last ticket can no longer be rated). */
    void close();
}
