package org.xephang.device.led;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LedFrameTest {

    @Test
    void vietnameseTextIsFoldedToAscii() {
        assertThat(LedFrame.text("Quầy 5 tạm dừng").text()).isEqualTo("Quay 5 tam dung");
        assertThat(LedFrame.text("ĐĂNG KÝ đất đai").text()).isEqualTo("DANG KY dat dai");
    }

    @Test
    void charactersOutsideLatinBecomeQuestionMarksAndControlsAreNeverSent() {
        assertThat(LedFrame.text("A\u0001B€").text()).isEqualTo("A?B?");
    }

    @Test
    void numberAtCounterShowsTheCounterZeroPadded() {
        assertThat(LedFrame.numberAtCounter("A1023", 5).text()).isEqualTo("A1023 Q05");
    }

    @Test
    void refusesRawNonAsciiWithAHint() {
        assertThatThrownBy(() -> new LedFrame("Quầy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+1EA7")
                .hasMessageContaining("LedFrame.text");
    }
}
