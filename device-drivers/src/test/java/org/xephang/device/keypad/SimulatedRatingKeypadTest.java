package org.xephang.device.keypad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.xephang.device.DeviceFactory;
import org.xephang.device.InvalidDeviceUriException;
import org.xephang.device.keypad.sim.SimulatedRatingKeypad;

class SimulatedRatingKeypadTest {

    @Test
    void theCounterAgentsUriAndTheDemoPageReachTheSameSimulatedKeypad() throws Exception {
        String name = "counter-" + UUID.randomUUID();
        RatingKeypad keypad = DeviceFactory.standard().create("sim:keypad?scale=5&name=" + name, RatingKeypad.class);
        List<Rating> ratings = new ArrayList<>();
        keypad.addRatingListener(ratings::add);
        keypad.start();
        keypad.awaitRating("t-42");

        SimulatedRatingKeypad.named(name).press("5");

        assertThat(ratings).singleElement().satisfies(r -> {
            assertThat(r.ticketId()).isEqualTo("t-42");
            assertThat(r.level()).isEqualTo(5);
            assertThat(r.label()).isEqualTo("Rất không hài lòng");
        });
        assertThat(keypad.waitingTicket()).isNull();
    }

    @Test
    void aSecondUriCannotGiveTheSameKeypadAnotherScale() throws Exception {
        String name = "counter-" + UUID.randomUUID();
        DeviceFactory.standard().create("sim:keypad?scale=3&name=" + name, RatingKeypad.class);
        assertThatThrownBy(() -> DeviceFactory.standard().create("sim:keypad?scale=4&name=" + name, RatingKeypad.class))
                .isInstanceOf(InvalidDeviceUriException.class)
                .hasMessageContaining("already exists with 3 buttons");
    }

    @Test
    void serialKeypadUrisAreCheckedAtCreation() {
        DeviceFactory factory = DeviceFactory.standard();
        assertThatThrownBy(() -> factory.create("keypad:serial:///dev/ttyUSB2?map=1:1,2:2", RatingKeypad.class))
                .hasMessageContaining("button map has no button for level 3 (Không hài lòng)");
        assertThatThrownBy(() -> factory.create("keypad:morse+serial:///dev/ttyUSB2", RatingKeypad.class))
                .hasMessageContaining("unknown keypad protocol 'morse'; known: line, frame");
        assertThatThrownBy(() -> factory.create("keypad:serial:///dev/ttyUSB2?scale=6", RatingKeypad.class))
                .hasMessageContaining("'scale' is '6'");
    }
}
