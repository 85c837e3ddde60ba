package org.xephang.core.routing;

import org.xephang.core.ticket.TicketRecord;

/** Where the WAITING tickets of a site stand: the live {@link WaitingLines} or a committed {@link WaitingLines.Frozen}. */
public interface LinePositions {

    /** How many WAITING tickets are ahead of this WAITING ticket in its line, as {@link RoutingPolicy#waitingAhead}. */
    int waitingAhead(TicketRecord ticket);

    /** WAITING tickets of the service, including those transferred to a counter. */
    int waiting(String service);

    /** How many of {@link #waiting} are priority tickets. */
    int waitingPriority(String service);
}
