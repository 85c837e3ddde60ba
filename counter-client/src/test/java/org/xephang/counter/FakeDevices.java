package org.xephang.counter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** An LED that records what it was told to show, and a keypad whose buttons the test presses. */
final class FakeDevices {

    private FakeDevices() {}

    static final class Led implements DeskLed {
        final List<String> shown = new CopyOnWriteArrayList<>();

        @Override
        public void show(String number) {
            shown.add(number);
        }

        @Override
        public void blank() {
            shown.add("");
        }

        String last() {
            return shown.isEmpty() ? null : shown.get(shown.size() - 1);
        }
    }

    /** Like the real keypads: armed for one ticket, the first press rates it and disarms. */
    static final class Keypad implements DeskKeypad {
        final List<String> invitations = new CopyOnWriteArrayList<>();
        private Consumer<Press> listener;
        private volatile String armed;

        @Override
        public String deviceId() {
            return "sim:keypad#1";
        }

        @Override
        public void onPress(Consumer<Press> pressListener) {
            this.listener = pressListener;
        }

        @Override
        public void awaitRating(String ticketId) {
            armed = ticketId;
            invitations.add(ticketId);
        }

        @Override
        public void cancelRating() {
            armed = null;
            invitations.add("cancelled");
        }

        /** A press as the keypad reports it: for the armed ticket, then disarmed. */
        void press(int level, int scale) {
            String ticket = armed;
            armed = null;
            listener.accept(new Press(ticket, level, scale));
        }

        /** A press reported for a ticket the agent never asked about (a confused or replayed keypad). */
        void pressFor(String ticketId, int level, int scale) {
            listener.accept(new Press(ticketId, level, scale));
        }
    }
}
