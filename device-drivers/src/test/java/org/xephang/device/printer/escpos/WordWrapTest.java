package org.xephang.device.printer.escpos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordWrapTest {

    @Test
    void wrapsAtSpacesAndCutsWordsLongerThanALine() {
        assertThat(WordWrap.wrap("ỦY BAN NHÂN DÂN", s -> s.length() <= 9)).containsExactly("ỦY BAN", "NHÂN DÂN");
        assertThat(WordWrap.wrap("ab 0123456789 c", s -> s.length() <= 4))
                .containsExactly("ab", "0123", "4567", "89 c");
        assertThat(WordWrap.wrap("", s -> s.length() <= 4)).containsExactly("");
    }
}
