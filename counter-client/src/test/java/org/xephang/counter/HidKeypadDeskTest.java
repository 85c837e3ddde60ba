package org.xephang.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.xephang.testkit.MutableClock;

class HidKeypadDeskTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T02:00:00Z"), ZoneOffset.UTC);
    private final List<DeskKeypad.Press> presses = new CopyOnWriteArrayList<>();

    @Test
    void hidAndKeypadHidNameAPageReadKeypadAndNothingElseDoes() {
        assertThat(HidKeypadDesk.names("hid")).isTrue();
        assertThat(HidKeypadDesk.names(" keypad:hid?keys=1,2,3 ")).isTrue();
        assertThat(HidKeypadDesk.names("hid?scale=5")).isTrue();
        assertThat(HidKeypadDesk.names("keypad:serial:///dev/ttyUSB2")).isFalse();
        assertThat(HidKeypadDesk.names("sim:keypad?name=hid")).isFalse();
        assertThat(HidKeypadDesk.names(null)).isFalse();
    }

    @Test
    void theKeysAreOneTwoThreeByDefaultOneToFiveOnAFiveButtonPadOrAsListedBestFirst() {
        assertThat(keypad("hid").keys()).containsExactly("1", "2", "3");
        assertThat(keypad("keypad:hid?scale=5").keys()).containsExactly("1", "2", "3", "4", "5");
        assertThat(keypad("hid?keys=a,b,c,d").keys()).containsExactly("a", "b", "c", "d");
        assertThat(keypad("hid?map=c:1,b:2,a:3").keys()).containsExactly("c", "b", "a");
    }

    @Test
    void theFirstKeyAfterCompletionRatesThatTicketOnceWithItsLevelAndScale() {
        HidKeypadDesk keypad = keypad("hid?keys=a,b,c,d");
        keypad.awaitRating("t1");

        assertThat(keypad.keyPressed("c")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(keypad.keyPressed("a")).isFalse();

        assertThat(presses).containsExactly(new DeskKeypad.Press("t1", 3, 4));
        assertThat(keypad.deviceId()).isEqualTo("keypad:hid/counter3");
    }

    @Test
    void keysWithNothingAwaitingAKeyNotOfThePadAndABounceAreIgnored() {
        HidKeypadDesk keypad = keypad("hid");

        assertThat(keypad.keyPressed("1")).isFalse(); // nothing awaits a rating
        clock.advance(Duration.ofSeconds(1));
        keypad.awaitRating("t2");
        assertThat(keypad.keyPressed("9")).isFalse(); // not a key of this pad
        clock.advance(Duration.ofSeconds(1));
        assertThat(keypad.keyPressed("2")).isTrue();
        keypad.awaitRating("t3");
        clock.advance(Duration.ofMillis(100));
        assertThat(keypad.keyPressed("3")).isFalse(); // a bounce of the previous key
        clock.advance(Duration.ofMillis(300));
        assertThat(keypad.keyPressed("3")).isTrue();

        assertThat(presses).containsExactly(new DeskKeypad.Press("t2", 2, 3), new DeskKeypad.Press("t3", 3, 3));
    }

    @Test
    void aCancelledInvitationIsNotRated() {
        HidKeypadDesk keypad = keypad("hid");
        keypad.awaitRating("t4");
        keypad.cancelRating();

        assertThat(keypad.keyPressed("1")).isFalse();
        assertThat(presses).isEmpty();
    }

    @Test
    void aBadConfigurationSaysWhatIsWrong() {
        assertThatThrownBy(() -> HidKeypadDesk.check("hid?keys=1,2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keys: a rating scale has 3, 4 or 5 levels, not 2");
        assertThatThrownBy(() -> HidKeypadDesk.check("hid?keys=1,2,3&map=1:1,2:2,3:3"))
                .hasMessageContaining("either keys");
        assertThatThrownBy(() -> HidKeypadDesk.check("hid?scale=4&keys=1,2,3")).hasMessageContaining("scale 4");
        assertThatThrownBy(() -> HidKeypadDesk.check("hid?keys=1,1,2")).hasMessageContaining("twice");
        assertThatThrownBy(() -> HidKeypadDesk.check("hid?key=1,2,3")).hasMessageContaining("unknown parameter key");
    }

    private HidKeypadDesk keypad(String uri) {
        HidKeypadDesk keypad = HidKeypadDesk.create(uri, 3, Duration.ofMinutes(1), clock);
        keypad.onPress(presses::add);
        return keypad;
    }
}
