package org.xephang.device.keypad;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.device.DeviceFactory;
import org.xephang.device.DeviceState;
import org.xephang.device.DeviceUri;
import org.xephang.device.keypad.sim.KeypadSimulator;
import org.xephang.device.transport.serial.SerialSettings;
import org.xephang.device.transport.serial.SerialTransport;
import org.xephang.testkit.Poll;
import org.xephang.testkit.SocatPtyPair;

/** A frame-protocol rating keypad on a socat pty pair, with the simulated keypad at the other end. */
class KeypadSocatIT {

    @TempDir
    Path dir;

    private SocatPtyPair pty;
    private KeypadSimulator keys;
    /** The wall clock, which the test can move ahead (past a debounce) without waiting. */
    private final AheadClock clock = new AheadClock();

    private final DeviceFactory factory = new DeviceFactory(List.of(new KeypadDeviceProvider()), clock);

    private static final class AheadClock extends Clock {
        private final AtomicLong aheadNanos = new AtomicLong();

        void moveAhead(Duration by) {
            aheadNanos.addAndGet(by.toNanos());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }

        @Override
        public Instant instant() {
            return Instant.now().plusNanos(aheadNanos.get());
        }
    }

    @BeforeEach
    void plugIn() throws Exception {
        SocatPtyPair.assumeSocat();
        pty = SocatPtyPair.start(dir);
        keys = new KeypadSimulator("pty", KeypadProtocol.frame(7, 0x02, 0x03));
        keys.attach(new SerialTransport(
                pty.deviceEnd().toString(), SerialSettings.from(DeviceUri.parse("keypad:serial://x"), 9600)));
    }

    @AfterEach
    void unplug() throws Exception {
        if (keys != null) {
            keys.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    @Test
    void aPressRatesTheCompletedTicketOnceAndTheKeypadComesBackAfterUnplugging() throws Exception {
        List<Rating> ratings = new CopyOnWriteArrayList<>();
        List<String> ignored = new CopyOnWriteArrayList<>();
        try (RatingKeypad keypad = factory.create(
                "keypad:frame+serial://" + pty.hostEnd() + "?address=7&scale=5&debounce=100ms", RatingKeypad.class)) {
            keypad.addRatingListener(new RatingListener() {
                @Override
                public void rated(Rating rating) {
                    ratings.add(rating);
                }

                @Override
                public void ignored(String button, String reason) {
                    ignored.add(button + ": " + reason);
                }
            });
            keypad.start();
            Poll.until(Duration.ofSeconds(2), "online", () -> keypad.status().state() == DeviceState.ONLINE);

            keys.press("2");
            Poll.until(Duration.ofSeconds(2), "ignored press", () -> ignored.size() == 1);
            assertThat(ignored).containsExactly("2: no ticket is waiting for a rating");

            keypad.awaitRating("ticket-1");
            clock.moveAhead(Duration.ofMillis(150)); // past the debounce of the ignored press
            keys.press("3");
            Poll.until(Duration.ofSeconds(2), "rating", () -> ratings.size() == 1);
            assertThat(ratings.get(0).ticketId()).isEqualTo("ticket-1");
            assertThat(ratings.get(0).level()).isEqualTo(3);
            assertThat(ratings.get(0).label()).isEqualTo("Bình thường");

            pty.unplug();
            Poll.until(
                    Duration.ofSeconds(1),
                    "OFFLINE within 1 s",
                    () -> keypad.status().state() == DeviceState.OFFLINE);
            pty.replug();
            Poll.until(
                    Duration.ofSeconds(2),
                    "ONLINE within 2 s",
                    () -> keypad.status().state() == DeviceState.ONLINE);
            keypad.awaitRating("ticket-2");
            Poll.until(Duration.ofSeconds(2), "a rating after replugging", () -> {
                keys.press("5");
                return ratings.size() == 2;
            });
            assertThat(ratings.get(1).level()).isEqualTo(5);
        }
    }
}
