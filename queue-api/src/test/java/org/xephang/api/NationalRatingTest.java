package org.xephang.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xephang.api.NationalRating.DISSATISFIED;
import static org.xephang.api.NationalRating.SATISFIED;
import static org.xephang.api.NationalRating.VERY_SATISFIED;

import org.junit.jupiter.api.Test;

class NationalRatingTest {

    @Test
    void threeButtonsMapOneToOne() {
        assertThat(NationalRating.of(1, 3)).isEqualTo(VERY_SATISFIED);
        assertThat(NationalRating.of(2, 3)).isEqualTo(SATISFIED);
        assertThat(NationalRating.of(3, 3)).isEqualTo(DISSATISFIED);
    }

    @Test
    void fourButtonsCountNeutralAsSatisfiedAndTheLowestAsDissatisfied() {
        assertThat(NationalRating.of(1, 4)).isEqualTo(VERY_SATISFIED);
        assertThat(NationalRating.of(2, 4)).isEqualTo(SATISFIED);
        assertThat(NationalRating.of(3, 4)).isEqualTo(SATISFIED);
        assertThat(NationalRating.of(4, 4)).isEqualTo(DISSATISFIED);
    }

    @Test
    void fiveButtonsCountNeutralAsSatisfiedAndTheTwoLowestAsDissatisfied() {
        assertThat(NationalRating.of(1, 5)).isEqualTo(VERY_SATISFIED);
        assertThat(NationalRating.of(2, 5)).isEqualTo(SATISFIED);
        assertThat(NationalRating.of(3, 5)).isEqualTo(SATISFIED);
        assertThat(NationalRating.of(4, 5)).isEqualTo(DISSATISFIED);
        assertThat(NationalRating.of(5, 5)).isEqualTo(DISSATISFIED);
    }

    @Test
    void labelsAreTheNationalVietnameseOnes() {
        assertThat(VERY_SATISFIED.label()).isEqualTo("Rất hài lòng");
        assertThat(SATISFIED.label()).isEqualTo("Hài lòng");
        assertThat(DISSATISFIED.label()).isEqualTo("Không hài lòng");
        assertThat(DISSATISFIED.level()).isEqualTo(3);
        assertThat(SATISFIED.english()).isEqualTo("Satisfied");
    }

    @Test
    void aLevelOutsideTheScaleOrAnUnknownScaleIsRefused() {
        assertThatThrownBy(() -> NationalRating.of(4, 3))
                .isInstanceOf(QueueError.class)
                .hasMessage("Mức đánh giá phải từ 1 đến 3, nhận được 4.")
                .extracting(e -> ((QueueError) e).code())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThatThrownBy(() -> NationalRating.of(0, 5)).isInstanceOf(QueueError.class);
        assertThatThrownBy(() -> NationalRating.of(1, 7)).hasMessageContaining("3, 4 hoặc 5");
    }
}
