package org.xephang.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void lineBreaksAndControlCharactersAreEscapedSoNoLineCanBeForged() {
        assertThat(LogText.quoted("officer1\r\nINFO admin signed in\u001b[2J"))
                .isEqualTo("\"officer1\\u000d\\u000aINFO admin signed in\\u001b[2J\"");
    }

    @Test
    void vietnameseTextIsKeptAndLongTextIsCut() {
        assertThat(LogText.quoted("cán bộ")).isEqualTo("\"cán bộ\"");
        assertThat(LogText.quoted("x".repeat(100))).isEqualTo("\"" + "x".repeat(64) + "…\"");
    }
}
