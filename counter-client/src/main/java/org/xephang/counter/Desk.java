package org.xephang.counter;

import java.time.Instant;
import org.xephang.api.QueueSnapshot.CounterView;
import org.xephang.api.Ticket;

/**
 * One counter served by the counter agent: its devices, the officer signed in there, what the server last said of it,
 * the ticket awaiting a rating and what its LED shows. Mutable; used on the agent's context only.
 */
final class Desk {

    final int number;
    final DeskLed led;
    final DeskKeypad keypad;
    /** The officer signed in here now, or null. */
    OfficerSession officer;
    /** The officer who signed in here last (who rates the last ticket even after signing out), or null. */
    OfficerSession lastOfficer;
    /** The page session of the officer signed in here, or null. */
    String pageSession;
    /** The counter as the server last described it, or null before the first snapshot. */
    CounterView view;
    /** The ticket completed here whose rating the keypad awaits, or null. */
    Ticket awaitingRating;

    Instant ratingUntil;
    long ratingTimer = -1;
    String ledShown;
    String ledWanted;
    boolean ledBusy;

    /**
     * @param led its LED display, or null
     * @param keypad its rating keypad, or null
     */
    Desk(int number, DeskLed led, DeskKeypad keypad) {
        if (number < 1) {
            throw new IllegalArgumentException("counter number must be 1 or more, was " + number);
        }
        this.number = number;
        this.led = led;
        this.keypad = keypad;
    }

    /** The ticket at this counter now, or null. */
    Ticket ticket() {
        return view == null ? null : view.ticket();
    }

    /** The counter now holds {@code ticket} (null: none); the rest of its view is unchanged. */
    void holding(Ticket ticket) {
        if (view != null) {
            view = new CounterView(
                    view.number(),
                    view.name(),
                    view.state(),
                    view.pauseReason(),
                    view.pausedAt(),
                    view.officer(),
                    view.services(),
                    ticket);
        }
    }
}
