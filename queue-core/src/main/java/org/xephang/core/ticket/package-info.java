/**
 * Tickets: the state machine ({@link org.xephang.core.ticket.TicketRecord}), numbering per service and local day
 * ({@link org.xephang.core.ticket.TicketNumberAllocator}) and the national rating scale
 * ({@link org.xephang.core.ticket.NationalRating}). Plain Java, no Vert.x, time passed in by the caller.
 */
package org.xephang.core.ticket;
