package org.xephang.device.keypad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xephang.device.keypad.NationalRating.HAI_LONG;
import static org.xephang.device.keypad.NationalRating.KHONG_HAI_LONG;
import static org.xephang.device.keypad.NationalRating.RAT_HAI_LONG;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RatingScaleTest {

    private static java.util.List<NationalRating> mapping(RatingScale scale) {
        return IntStream.rangeClosed(1, scale.levels())
                .mapToObj(scale::national)
                .toList();
    }

    @Test
    void threeButtonKeypadsMapOneToOne() {
        assertThat(mapping(RatingScale.THREE)).containsExactly(RAT_HAI_LONG, HAI_LONG, KHONG_HAI_LONG);
    }

    @Test
    void fourButtonKeypadsCountNeutralAsSatisfied() {
        assertThat(mapping(RatingScale.FOUR)).containsExactly(RAT_HAI_LONG, HAI_LONG, HAI_LONG, KHONG_HAI_LONG);
        assertThat(RatingScale.FOUR.label(3)).isEqualTo("Bình thường");
    }

    @Test
    void fiveButtonKeypadsFoldBothUnsatisfiedLevels() {
        assertThat(mapping(RatingScale.FIVE))
                .containsExactly(RAT_HAI_LONG, HAI_LONG, HAI_LONG, KHONG_HAI_LONG, KHONG_HAI_LONG);
        assertThat(RatingScale.FIVE.label(5)).isEqualTo("Rất không hài lòng");
    }

    @Test
    void levelsOutsideTheScaleAreRefused() {
        assertThatThrownBy(() -> RatingScale.THREE.national(4))
                .hasMessage("level must be 1..3 on a 3-level scale, not 4");
        assertThatThrownBy(() -> RatingScale.of(2)).hasMessage("a rating scale has 3, 4 or 5 levels, not 2");
    }
}
