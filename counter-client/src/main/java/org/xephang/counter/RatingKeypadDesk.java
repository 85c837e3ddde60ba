package org.xephang.counter;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.device.keypad.Rating;
import org.xephang.device.keypad.RatingKeypad;
import org.xephang.device.keypad.RatingListener;

/** A counter's keypad over a device-drivers {@link RatingKeypad} (serial, JavaPOS or simulated). */
final class RatingKeypadDesk implements DeskKeypad {

    private static final Logger LOG = LoggerFactory.getLogger(RatingKeypadDesk.class);

    private final RatingKeypad keypad;
    private final int counter;

    RatingKeypadDesk(RatingKeypad keypad, int counter) {
        this.keypad = keypad;
        this.counter = counter;
    }

    @Override
    public String deviceId() {
        return keypad.id();
    }

    @Override
    public void onPress(Consumer<Press> listener) {
        keypad.addRatingListener(new RatingListener() {
            @Override
            public void rated(Rating rating) {
                listener.accept(new Press(
                        rating.ticketId(), rating.level(), rating.scale().levels()));
            }

            @Override
            public void ignored(String button, String reason) {
                LOG.info("counter {}: keypad button {} ignored: {}", counter, button, reason);
            }
        });
    }

    @Override
    public void awaitRating(String ticketId) {
        keypad.awaitRating(ticketId);
    }

    @Override
    public void cancelRating() {
        keypad.cancelRating();
    }
}
