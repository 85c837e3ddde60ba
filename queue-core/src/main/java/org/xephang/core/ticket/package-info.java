/**
 * Tickets: the state machine ({@link org.xephang.core.ticket.TicketRecord}), numbering per service and local day
 * ({@link org.xephang.core.ticket.TicketNumberAllocator}); the national rating scale is queue-api's
 * {@link org.xephang.api.NationalRating}. Plain Java, no Vert.x, time passed in by the caller.
 */
package org.xephang.core.ticket;
