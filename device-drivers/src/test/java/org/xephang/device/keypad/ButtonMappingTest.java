package org.xephang.device.keypad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ButtonMappingTest {

    @Test
    void standardMappingPutsTheBestLevelOnButtonOne() {
        assertThat(ButtonMapping.standard(RatingScale.FOUR).toString()).isEqualTo("1:1,2:2,3:3,4:4");
        assertThat(ButtonMapping.reversed(RatingScale.THREE).level("1")).contains(3);
    }

    @Test
    void parsesAConfiguredMapping() {
        ButtonMapping mapping = ButtonMapping.parse(RatingScale.THREE, " A:3, B:2 ,C:1,D:1");
        assertThat(mapping.level("A")).contains(3);
        assertThat(mapping.level("D")).contains(1);
        assertThat(mapping.level("E")).isEqualTo(Optional.empty());
    }

    @Test
    void everyProblemNamesTheEntry() {
        assertThatThrownBy(() -> ButtonMapping.parse(RatingScale.THREE, "1:1,2:2,3:4"))
                .hasMessage("button map entry '3:4': level must be 1..3 on a 3-level scale");
        assertThatThrownBy(() -> ButtonMapping.parse(RatingScale.THREE, "1:1,2"))
                .hasMessage("button map entry '2' is not button:level (e.g. 1:1)");
        assertThatThrownBy(() -> ButtonMapping.parse(RatingScale.THREE, "1:1,2:2"))
                .hasMessage("button map has no button for level 3 (Không hài lòng)");
        assertThatThrownBy(() -> ButtonMapping.parse(RatingScale.THREE, "1:1,1:2,3:3"))
                .hasMessage("button map names button '1' twice");
    }
}
