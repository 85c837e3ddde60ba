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

    static final class Keypad implements DeskKeypad {
        final List<Boolean> invitations = new CopyOnWriteArrayList<>();
        private Consumer<Press> listener;

        @Override
        public String deviceId() {
            return "sim:keypad#1";
        }

        @Override
        public void onPress(Consumer<Press> pressListener) {
            this.listener = pressListener;
        }

        @Override
        public void invite(boolean on) {
            invitations.add(on);
        }

        void press(int level, int scale) {
            listener.accept(new Press(level, scale));
        }
    }
}
