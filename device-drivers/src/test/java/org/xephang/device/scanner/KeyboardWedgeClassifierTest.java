package org.xephang.device.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xephang.device.scanner.KeyboardWedgeClassifier.Event;
import org.xephang.device.scanner.KeyboardWedgeClassifier.Options;
import org.xephang.device.scanner.KeyboardWedgeClassifier.Scanned;
import org.xephang.device.scanner.KeyboardWedgeClassifier.Typed;

class KeyboardWedgeClassifierTest {

    private final KeyboardWedgeClassifier classifier = new KeyboardWedgeClassifier(Options.defaults());
    private final List<Event> events = new ArrayList<>();

    /** Types {@code text} starting at {@code start} ms, one key every {@code gap} ms; returns the next free time. */
    private long type(long start, int gap, String text, boolean enter) {
        long t = start;
        for (char c : text.toCharArray()) {
            events.addAll(classifier.key(t, String.valueOf(c)));
            t += gap;
        }
        if (enter) {
            events.addAll(classifier.key(t, KeyboardWedgeClassifier.ENTER));
            t += gap;
        }
        return t;
    }

    @Test
    void aFastBurstEndingInEnterIsAScan() {
        type(1_000, 8, "H21.65-231122-0001", true);
        assertThat(events).containsExactly(new Scanned("H21.65-231122-0001"));
    }

    @Test
    void slowTypingIsPassedThroughKeyByKeyIncludingEnter() {
        long end = type(1_000, 180, "abc", true);
        events.addAll(classifier.idle(end + 1_000));
        List<String> keys = events.stream()
                .map(e -> ((Typed) e).keys())
                .flatMap(List::stream)
                .toList();
        assertThat(keys).containsExactly("a", "b", "c", "Enter");
    }

    @Test
    void aFastBurstShorterThanTheMinimumIsTyping() {
        type(1_000, 5, "ab", true);
        assertThat(events).containsExactly(new Typed(List.of("a", "b", "Enter")));
    }

    @Test
    void aBurstWithOneLongGapIsNotAScanAndLosesNoKeys() {
        long t = type(1_000, 10, "H21.", false);
        t = type(t + 200, 10, "65-0001", true);
        assertThat(events).containsExactly(new Typed(List.of("H", "2", "1", ".")), new Scanned("65-0001"));
    }

    @Test
    void heldKeysAreReleasedWhenTypingStops() {
        type(1_000, 20, "xy", false);
        assertThat(events).isEmpty();
        assertThat(classifier.idle(1_030)).isEmpty();
        assertThat(classifier.idle(1_100)).containsExactly(new Typed(List.of("x", "y")));
    }

    @Test
    void withoutTheEnterRequirementSilenceEndsAScan() {
        KeyboardWedgeClassifier noEnter = new KeyboardWedgeClassifier(new Options(40, 6, false));
        for (int i = 0; i < 8; i++) {
            assertThat(noEnter.key(i * 5L, String.valueOf(i))).isEmpty();
        }
        assertThat(noEnter.idle(100)).containsExactly(new Scanned("01234567"));
    }

    @Test
    void typingRightAfterAScanStartsAFreshBurst() {
        long t = type(1_000, 5, "ABCD1234", true);
        type(t + 500, 300, "z", false);
        events.addAll(classifier.idle(t + 2_000));
        assertThat(events).containsExactly(new Scanned("ABCD1234"), new Typed(List.of("z")));
    }

    @Test
    void namedKeysEndABurstAndPassThrough() {
        events.addAll(classifier.key(0, "a"));
        events.addAll(classifier.key(5, "Tab"));
        assertThat(events).containsExactly(new Typed(List.of("a", "Tab")));
    }
}
