-- xephang schema version 9: messages to citizens that belong to no ticket (issue 17): the booking confirmation and
-- the move of a booking, and the answer to a dossier lookup by SMS. They go through the same outbox as the ticket's
-- messages, so ticket_id becomes optional and the kinds grow.
ALTER TABLE notification ALTER COLUMN ticket_id DROP NOT NULL;
ALTER TABLE notification DROP CONSTRAINT notification_kind_check;
ALTER TABLE notification ADD CONSTRAINT notification_kind_check
    CHECK (kind IN ('near-turn','called','booked','booking-moved','dossier-reply'));

-- Bookings imported from the province's online portal keep the portal's id: a re-import finds them again.
ALTER TABLE appointment ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX appointment_external ON appointment (site, external_id);
