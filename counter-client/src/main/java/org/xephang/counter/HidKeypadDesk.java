package org.xephang.counter;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.device.DeviceUri;
import org.xephang.device.InvalidDeviceUriException;
import org.xephang.device.keypad.ButtonMapping;
import org.xephang.device.keypad.RatingCollector;
import org.xephang.device.keypad.RatingScale;

/**
 * A USB HID rating keypad (or a 433 MHz receiver in HID mode) at a counter: it types keys like a keyboard into the
 * officer's PC, so the counter page reads them and posts each mapped key to the agent ({@code POST api/keypad}).
 * From there a key is treated exactly like a button of a serial keypad: the same {@link RatingCollector} rules (armed
 * for the ticket just completed, debounced, one rating per ticket) and the agent's one rating path.
 *
 * <p>Configured per counter as {@code "keypad": "keypad:hid"} ({@code "hid"} for short), with the parameters of the
 * other keypads: {@code keys} the keys from best to worst ({@code keys=1,2,3}, the default; {@code scale=5} for keys
 * 1 to 5; numpad digits count as the same digits), or {@code map} key→level ({@code map=a:1,b:2,c:3}), and
 * {@code debounce} (default 300ms). A key is a name of {@code KeyboardEvent.key}: {@code 1}, {@code a}, {@code F1}.
 *
 * <p>Thread-safe: the collector is synchronized; presses are handed to the listener on the caller's thread.
 */
final class HidKeypadDesk implements DeskKeypad {

    private static final Logger LOG = LoggerFactory.getLogger(HidKeypadDesk.class);
    private static final Pattern HID = Pattern.compile("(keypad:)?hid(\\?.*)?");
    private static final Set<String> PARAMS = Set.of("keys", "scale", "map", "debounce");

    private final int counter;
    private final RatingCollector collector;
    private volatile Consumer<Press> listener = press -> {};

    private HidKeypadDesk(int counter, RatingCollector collector) {
        this.counter = counter;
        this.collector = collector;
    }

    /** Whether {@code uri} names a keypad read in the page ({@code hid…} or {@code keypad:hid…}). */
    static boolean names(String uri) {
        return uri != null && HID.matcher(uri.strip()).matches();
    }

    /**
     * The keypad of {@code counter} described by {@code uri}.
     *
     * @param window how long after completion a key still rates the ticket (the agent's rating window)
     * @throws IllegalArgumentException naming the bad parameter and what is allowed
     */
    static HidKeypadDesk create(String uri, int counter, Duration window, Clock clock) {
        DeviceUri parsed = parse(uri);
        try {
            return new HidKeypadDesk(
                    counter,
                    new RatingCollector(
                            mapping(parsed), parsed.durationParam("debounce", Duration.ofMillis(300)), window, clock));
        } catch (InvalidDeviceUriException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Checks {@code uri} as {@link #create} would.
     *
     * @throws IllegalArgumentException naming the bad parameter and what is allowed
     */
    static void check(String uri) {
        create(uri, 1, Duration.ofMinutes(1), Clock.systemUTC());
    }

    private static DeviceUri parse(String uri) {
        String text = Objects.requireNonNull(uri, "uri").strip();
        try {
            DeviceUri parsed = DeviceUri.parse(text.startsWith("keypad:") ? text : "keypad:" + text);
            parsed.requireOnlyParams(PARAMS);
            return parsed;
        } catch (InvalidDeviceUriException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static ButtonMapping mapping(DeviceUri uri) throws InvalidDeviceUriException {
        String keys = uri.param("keys", "").strip();
        String map = uri.param("map", "").strip();
        if (!keys.isEmpty() && !map.isEmpty()) {
            throw new InvalidDeviceUriException(uri + ": give either keys (best first) or map (key:level), not both");
        }
        try {
            if (!keys.isEmpty()) {
                List<String> list =
                        Arrays.stream(keys.split(",")).map(String::strip).toList();
                RatingScale scale = RatingScale.of(list.size());
                if (uri.param("scale").isPresent() && uri.intParam("scale", 3, 3, 5) != list.size()) {
                    throw new InvalidDeviceUriException(
                            uri + ": scale " + uri.param("scale").get() + " but " + list.size() + " keys");
                }
                StringBuilder pairs = new StringBuilder();
                for (int level = 1; level <= list.size(); level++) {
                    pairs.append(level == 1 ? "" : ",")
                            .append(list.get(level - 1))
                            .append(':')
                            .append(level);
                }
                return ButtonMapping.parse(scale, pairs.toString());
            }
            RatingScale scale = RatingScale.of(uri.intParam("scale", 3, 3, 5));
            if (map.isEmpty()) {
                return ButtonMapping.standard(scale);
            }
            return map.equals("reversed") ? ButtonMapping.reversed(scale) : ButtonMapping.parse(scale, map);
        } catch (IllegalArgumentException e) {
            throw new InvalidDeviceUriException(uri + ": " + (keys.isEmpty() ? "map: " : "keys: ") + e.getMessage());
        }
    }

    /** The keys the page should send, in configuration order. */
    List<String> keys() {
        return List.copyOf(collector.mapping().buttons().keySet());
    }

    /**
     * A key the page read while this counter's ticket awaits a rating: the rating of that ticket (handed to the
     * listener), or ignored with the reason logged (not armed, debounced, not a key of this keypad).
     *
     * @return whether the key became a rating
     */
    boolean keyPressed(String key) {
        RatingCollector.Outcome outcome = collector.press(key);
        if (outcome instanceof RatingCollector.Rated rated) {
            listener.accept(new Press(
                    rated.rating().ticketId(),
                    rated.rating().level(),
                    rated.rating().scale().levels()));
            return true;
        }
        RatingCollector.Ignored ignored = (RatingCollector.Ignored) outcome;
        LOG.info("counter {}: keypad key {} ignored: {}", counter, ignored.button(), ignored.reason());
        return false;
    }

    @Override
    public String deviceId() {
        return "keypad:hid/counter" + counter;
    }

    @Override
    public void onPress(Consumer<Press> pressListener) {
        this.listener = Objects.requireNonNull(pressListener, "pressListener");
    }

    @Override
    public void awaitRating(String ticketId) {
        collector.await(ticketId);
    }

    @Override
    public void cancelRating() {
        collector.cancel();
    }
}
