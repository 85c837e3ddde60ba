-- xephang schema version 11: the per-phone daily limit of bookings holds across the nodes of a cluster (issue 16,
-- docs/adr/0034-messages-and-appointments-in-a-cluster.md). Each booking made with a phone takes the next free turn of
-- that phone on the day it was made (1, 2, … up to the site's perPhonePerDay); the unique index lets one of two nodes
-- booking the same phone's last turn at the same moment insert, and the other count again and refuse. Rows made
-- before (and imports from the portal, which the limit does not count) have no turn; a blanked phone frees nothing.
ALTER TABLE appointment ADD COLUMN phone_turn INTEGER;
CREATE UNIQUE INDEX appointment_phone_turn ON appointment (phone, created_day, phone_turn);
