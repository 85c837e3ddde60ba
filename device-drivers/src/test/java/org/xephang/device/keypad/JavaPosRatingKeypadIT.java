package org.xephang.device.keypad;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xephang.device.DeviceFactory;
import org.xephang.device.DeviceState;
import org.xephang.device.testkit.jpos.FakeJposRegistry;
import org.xephang.device.testkit.jpos.FakeKeyboardService;
import org.xephang.testkit.Poll;

/** The JavaPOS POSKeyboard adapter against a fake device service registered in a temporary jpos.xml. */
class JavaPosRatingKeypadIT {

    @BeforeAll
    static void registerFakes() {
        FakeJposRegistry.install();
    }

    @Test
    void keyCodesMappedToLevelsRateTheWaitingTicket() throws Exception {
        DeviceFactory factory = new DeviceFactory(List.of(new KeypadDeviceProvider()), Clock.systemUTC());
        List<Rating> ratings = new CopyOnWriteArrayList<>();
        try (RatingKeypad keypad = factory.create(
                "keypad:javapos://FakeKeyboard?scale=4&map=49:1,50:2,51:3,52:4&debounce=0ms", RatingKeypad.class)) {
            keypad.addRatingListener(ratings::add);
            keypad.start();
            assertThat(keypad.status().state()).as(keypad.status().toString()).isEqualTo(DeviceState.ONLINE);
            FakeKeyboardService service = FakeJposRegistry.service("FakeKeyboard");

            service.press(51); // nothing waits: ignored
            keypad.awaitRating("t-9");
            service.press(52);
            Poll.until(Duration.ofSeconds(2), "rating", () -> ratings.size() == 1);

            assertThat(ratings.get(0).ticketId()).isEqualTo("t-9");
            assertThat(ratings.get(0).button()).isEqualTo("52");
            assertThat(ratings.get(0).level()).isEqualTo(4);
            assertThat(ratings.get(0).scale()).isEqualTo(RatingScale.FOUR);
        }
    }
}
