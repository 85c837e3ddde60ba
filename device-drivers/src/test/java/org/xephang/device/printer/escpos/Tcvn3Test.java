package org.xephang.device.printer.escpos;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Tcvn3Test {

    private static final String VOWELS = "aăâeêioôơuưy";
    /** Unicode combining marks: grave, hook above, tilde, acute, dot below. */
    private static final String[] TONES = {"", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"};

    @Test
    void everyVowelWithEveryToneInBothCasesDecodesBackFromItsTable() {
        int checked = 0;
        for (char vowel : VOWELS.toCharArray()) {
            for (String tone : TONES) {
                String lower = Normalizer.normalize(vowel + tone, Normalizer.Form.NFC);
                String upper = lower.toUpperCase(Locale.ROOT);
                assertThat(roundTrip(lower)).as("lower %s", lower).isEqualTo(lower);
                assertThat(roundTrip(upper)).as("upper %s", upper).isEqualTo(upper);
                checked += 2;
            }
        }
        assertThat(roundTrip("đ")).isEqualTo("đ");
        assertThat(roundTrip("Đ")).isEqualTo("Đ");
        assertThat(checked + 2).isEqualTo(146); // 12 vowels × 6 tones × 2 cases + đ Đ
    }

    @Test
    void everyLetterHasTheByteAndTableOfTheStandardLetterByLetter() {
        List<Tcvn3Letters.Letter> expected = Tcvn3Letters.all();
        assertThat(expected).hasSize(146); // 12 vowels × 6 tones × 2 cases + đ Đ

        for (Tcvn3Letters.Letter letter : expected) {
            List<Tcvn3.Glyph> glyphs = Tcvn3.encode(letter.letter());
            assertThat(glyphs).as("%s is one byte", letter).hasSize(1);
            Tcvn3.Glyph glyph = glyphs.get(0);
            assertThat(glyph.code() & 0xFF).as("byte of %s", letter).isEqualTo(letter.code());
            assertThat(glyph.table())
                    .as("table of %s", letter)
                    .isEqualTo(
                            letter.tables().size() == 2
                                    ? Tcvn3.Table.EITHER
                                    : letter.tables().contains(31) ? Tcvn3.Table.UPPER : Tcvn3.Table.LOWER);
            for (int table : letter.tables()) {
                assertThat(Tcvn3.decode((byte) letter.code(), table == 31))
                        .as("%s read back in table %d", letter, table)
                        .isEqualTo(letter.letter().charAt(0));
            }
        }
        assertThat(expected)
                .extracting(Tcvn3Letters.Letter::letter)
                .containsExactlyInAnyOrderElementsOf(Tcvn3.allVietnameseLetters()
                        .chars()
                        .mapToObj(Character::toString)
                        .toList());
    }

    @Test
    void theTableHas67DistinctLowerCaseCodesAndTheSevenBaseCapitals() {
        Set<Byte> lowerCodes = new HashSet<>();
        for (char c : Tcvn3.allVietnameseLetters().toCharArray()) {
            Tcvn3.Glyph g = Tcvn3.encode(String.valueOf(c)).get(0);
            if ((g.code() & 0xFF) >= 0xA8) {
                lowerCodes.add(g.code());
            }
        }
        assertThat(lowerCodes).hasSize(67);
        assertThat(Tcvn3.encode("ĂÂÊÔƠƯĐ"))
                .extracting(g -> g.code() & 0xFF)
                .containsExactly(0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7);
        assertThat(Tcvn3.encode("ĂÂÊÔƠƯĐ")).allMatch(g -> g.table() == Tcvn3.Table.EITHER);
    }

    @Test
    void knownCodesMatchTheStandard() {
        assertThat(code("à")).isEqualTo(0xB5);
        assertThat(code("á")).isEqualTo(0xB8);
        assertThat(code("ạ")).isEqualTo(0xB9);
        assertThat(code("ặ")).isEqualTo(0xC6);
        assertThat(code("ư")).isEqualTo(0xAD);
        assertThat(code("ỵ")).isEqualTo(0xFE);
        assertThat(code("Ấ")).isEqualTo(0xCA);
        assertThat(Tcvn3.encode("Ấ").get(0).table()).isEqualTo(Tcvn3.Table.UPPER);
    }

    @Test
    void capitalsWithTonesUseTheUpperTableAndSmallAsciiLettersTheLowerOne() {
        List<Tcvn3.Glyph> glyphs = Tcvn3.encode("Số");
        assertThat(glyphs.get(0).table()).isEqualTo(Tcvn3.Table.EITHER);
        assertThat(glyphs.get(1).table()).isEqualTo(Tcvn3.Table.LOWER);
        assertThat(Tcvn3.encode("a").get(0).table()).isEqualTo(Tcvn3.Table.LOWER);
        assertThat(Tcvn3.encode("Ở").get(0).table()).isEqualTo(Tcvn3.Table.UPPER);
    }

    @Test
    void decomposedInputIsNormalisedFirst() {
        String decomposed = Normalizer.normalize("Hoàn Kiếm", Normalizer.Form.NFD);
        assertThat(roundTrip(decomposed)).isEqualTo("Hoàn Kiếm");
    }

    @Test
    void typographicPunctuationGetsAsciiStandIns() {
        assertThat(roundTrip("08:00 – 11:30 • “A”")).isEqualTo("08:00 - 11:30 * \"A\"");
        assertThat(roundTrip("€")).isEqualTo("?");
    }

    private static int code(String c) {
        return Tcvn3.encode(c).get(0).code() & 0xFF;
    }

    /** Encodes, then decodes each byte in the table it asked for, as a printer would. */
    private static String roundTrip(String text) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (Tcvn3.Glyph g : Tcvn3.encode(text)) {
            if (g.table() != Tcvn3.Table.EITHER) {
                upper = g.table() == Tcvn3.Table.UPPER;
            }
            sb.append(Tcvn3.decode(g.code(), upper));
        }
        return sb.toString();
    }
}
