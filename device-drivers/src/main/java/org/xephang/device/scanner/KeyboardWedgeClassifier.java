package org.xephang.device.scanner;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Tells a keyboard-wedge scanner from a person typing, by timing (docs/devices.md §3): a scanner "types" a whole code
 * with gaps of a few milliseconds and ends it with Enter; people type slower. Feed it every key with its time; it
 * answers with {@link Event}s: a {@link Scanned} code, or {@link Typed} keys to pass on to the focused field
 * unchanged.
 *
 * <p>Rules, with {@link Options}: a burst is a run of keys each at most {@code maxGapMillis} after the previous one.
 * A burst ending in Enter with at least {@code minLength} characters is a scan. With {@code requireEnter=false}, a
 * burst of at least {@code minLength} characters followed by {@code maxGapMillis} of silence is a scan too. Anything
 * else is typing: its keys (Enter included) come back as {@link Typed}, in order, nothing lost. Because a burst can
 * only be judged at its end, keys are held back for at most {@code maxGapMillis}; call {@link #idle(long)} from a
 * timer so held keys are released when typing stops.
 *
 * <p>Key names follow the browser's {@code KeyboardEvent.key}: one character, or {@code "Enter"}; other named keys
 * ({@code "Shift"}, {@code "Tab"}…) end a burst and are passed through as typing.
 *
 * <p>Pure: time comes from the caller. Not thread-safe: feed it from one thread (the page's event handler or a
 * single reader).
 */
public final class KeyboardWedgeClassifier {

    /** The key name for Enter. */
    public static final String ENTER = "Enter";

    /**
     * Settings.
     *
     * @param maxGapMillis the longest gap between two keys of a scan (30–50 ms is typical for scanners; 1–500)
     * @param minLength the fewest characters in a scan (1–100)
     * @param requireEnter whether a scan must end with Enter
     */
    public record Options(int maxGapMillis, int minLength, boolean requireEnter) {
        public Options {
            if (maxGapMillis < 1 || maxGapMillis > 500) {
                throw new IllegalArgumentException("maxGapMillis must be 1..500, not " + maxGapMillis);
            }
            if (minLength < 1 || minLength > 100) {
                throw new IllegalArgumentException("minLength must be 1..100, not " + minLength);
            }
        }

        /** 50 ms, at least 4 characters, Enter required. */
        public static Options defaults() {
            return new Options(50, 4, true);
        }
    }

    /** What the classifier decided. */
    public sealed interface Event {}

    /** A scan: the characters before Enter. */
    public record Scanned(String text) implements Event {}

    /** Keys typed by a person, to be passed on in order. */
    public record Typed(List<String> keys) implements Event {
        public Typed {
            keys = List.copyOf(keys);
        }
    }

    private final Options options;
    private final List<String> burst = new ArrayList<>();
    private long lastKeyAt;

    public KeyboardWedgeClassifier(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * A key was pressed at {@code atMillis} (any monotonic millisecond clock, e.g. {@code event.timeStamp}).
     *
     * @return the decisions this key made possible, in order (often none: the key is held in a burst)
     */
    public List<Event> key(long atMillis, String key) {
        Objects.requireNonNull(key, "key");
        List<Event> events = new ArrayList<>(2);
        if (!burst.isEmpty() && atMillis - lastKeyAt > options.maxGapMillis()) {
            closeBurst(events);
        }
        lastKeyAt = atMillis;
        if (key.equals(ENTER)) {
            if (!burst.isEmpty() && burst.size() >= options.minLength()) {
                events.add(new Scanned(String.join("", burst)));
                burst.clear();
            } else {
                burst.add(key);
                events.add(new Typed(burst));
                burst.clear();
            }
        } else if (key.length() == 1 || Character.charCount(key.codePointAt(0)) == key.length()) {
            burst.add(key);
        } else {
            burst.add(key);
            events.add(new Typed(burst));
            burst.clear();
        }
        return events;
    }

    /**
     * Time passed without keys; releases a burst that can no longer become a scan (or, without the Enter
     * requirement, completes one).
     */
    public List<Event> idle(long nowMillis) {
        List<Event> events = new ArrayList<>(1);
        if (!burst.isEmpty() && nowMillis - lastKeyAt > options.maxGapMillis()) {
            closeBurst(events);
        }
        return events;
    }

    private void closeBurst(List<Event> events) {
        if (!options.requireEnter() && burst.size() >= options.minLength()) {
            events.add(new Scanned(String.join("", burst)));
        } else {
            events.add(new Typed(burst));
        }
        burst.clear();
    }
}
