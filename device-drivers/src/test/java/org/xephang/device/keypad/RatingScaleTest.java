package org.xephang.device.keypad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RatingScaleTest {

    private static java.util.List<String> labels(RatingScale scale) {
        return IntStream.rangeClosed(1, scale.levels()).mapToObj(scale::label).toList();
    }

    @Test
    void threeButtonKeypadsAreTheNationalLabels() {
        assertThat(labels(RatingScale.THREE)).containsExactly("Rất hài lòng", "Hài lòng", "Không hài lòng");
    }

    @Test
    void fourButtonKeypadsHaveANeutralLevel() {
        assertThat(labels(RatingScale.FOUR))
                .containsExactly("Rất hài lòng", "Hài lòng", "Bình thường", "Không hài lòng");
    }

    @Test
    void fiveButtonKeypadsHaveANeutralAndTwoUnsatisfiedLevels() {
        assertThat(labels(RatingScale.FIVE))
                .containsExactly("Rất hài lòng", "Hài lòng", "Bình thường", "Không hài lòng", "Rất không hài lòng");
    }

    @Test
    void levelsOutsideTheScaleAreRefused() {
        assertThatThrownBy(() -> RatingScale.THREE.label(4)).hasMessage("level must be 1..3 on a 3-level scale, not 4");
        assertThatThrownBy(() -> RatingScale.of(2)).hasMessage("a rating scale has 3, 4 or 5 levels, not 2");
    }
}
