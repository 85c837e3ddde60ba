package org.xephang.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TypedTicketNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"A012", "a12", " A 012 ", "A0012", "a000000012", "\tA12\n"})
    void caseSpacesAndLeadingZerosDoNotMatter(String typed) {
        assertThat(TypedTicketNumber.parse(typed)).contains(new TypedTicketNumber('A', 12));
        assertThat(TypedTicketNumber.parse(typed).orElseThrow().matches("A012")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "12", "AB12", "A", "A-12", "A12B", "Ă12", "A1234567890"})
    void anythingButALetterAndOneToNineDigitsIsNotANumber(String typed) {
        assertThat(TypedTicketNumber.parse(typed)).isEmpty();
    }

    @Test
    void nullIsNotANumber() {
        assertThat(TypedTicketNumber.parse(null)).isEmpty();
    }

    @Test
    void aNumberMatchesOnlyItsLetterAndValue() {
        TypedTicketNumber a12 = TypedTicketNumber.parse("A12").orElseThrow();

        assertThat(a12.matches("A0012")).isTrue();
        assertThat(a12.matches("B012")).isFalse();
        assertThat(a12.matches("A120")).isFalse();
        assertThat(a12.matches("A0001")).isFalse();
        assertThat(TypedTicketNumber.parse("A1023").orElseThrow().matches("A1023"))
                .isTrue();
    }

    @Test
    void itShowsAsLetterAndValue() {
        assertThat(TypedTicketNumber.parse("a0012").orElseThrow()).hasToString("A12");
    }
}
