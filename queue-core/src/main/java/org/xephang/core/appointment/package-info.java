/**
 * Appointments (lịch hẹn): the bookable slots of a site's services ({@link org.xephang.core.appointment.SlotPlanner},
 * pure, with an injected clock) and the booking rules (docs/adr/0024-appointments.md). No Vert.x in this package.
 */
package org.xephang.core.appointment;
