package org.xephang.api.announce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VietnameseNumberReaderTest {

    /** The golden table; regenerate with {@code -Dgolden.update=true} and review the diff. */
    private static final Path GOLDEN = Path.of("src/test/resources/golden/announce/numbers.txt");

    private static final VietnameseNumberReader NORTH = new VietnameseNumberReader(Dialect.NORTH);
    private static final VietnameseNumberReader SOUTH = new VietnameseNumberReader(Dialect.SOUTH);

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0    | không
            5    | năm
            10   | mười
            11   | mười một
            14   | mười bốn
            15   | mười lăm
            20   | hai mươi
            21   | hai mươi mốt
            24   | hai mươi tư
            25   | hai mươi lăm
            101  | một trăm linh một
            104  | một trăm linh bốn
            105  | một trăm linh năm
            115  | một trăm mười lăm
            205  | hai trăm linh năm
            1000 | một nghìn
            1005 | một nghìn không trăm linh năm
            1010 | một nghìn không trăm mười
            1020 | một nghìn không trăm hai mươi
            1023 | một nghìn không trăm hai mươi ba
            1100 | một nghìn một trăm
            """)
    void readsEveryRuleOfTheDomainExamplesInTheNorthernStandard(String digits, String expected) {
        assertThat(VietnameseNumberReader.text(NORTH.read(digits, ReadingMode.WHOLE)))
                .isEqualTo(expected);
    }

    @Test
    void southernStandardSaysNganForThousandsAndLeForZeroTens() {
        assertThat(VietnameseNumberReader.text(SOUTH.readWhole(1005))).isEqualTo("một ngàn không trăm lẻ năm");
        assertThat(VietnameseNumberReader.text(SOUTH.readWhole(101))).isEqualTo("một trăm lẻ một");
    }

    @Test
    void leadingZerosAreSilentInWholeModeAndSpokenInDigitMode() {
        assertThat(VietnameseNumberReader.text(NORTH.read("007", ReadingMode.WHOLE)))
                .isEqualTo("bảy");
        assertThat(VietnameseNumberReader.text(NORTH.read("0000", ReadingMode.WHOLE)))
                .isEqualTo("không");
        assertThat(VietnameseNumberReader.text(NORTH.read("007", ReadingMode.DIGITS)))
                .isEqualTo("không không bảy");
        assertThat(VietnameseNumberReader.text(NORTH.read("1023", ReadingMode.DIGITS)))
                .isEqualTo("một không hai ba");
    }

    @Test
    void digitModeNeverUsesTheFinalFormsOfOneFourAndFive() {
        assertThat(VietnameseNumberReader.text(SOUTH.read("2145", ReadingMode.DIGITS)))
                .isEqualTo("hai một bốn năm");
    }

    @Test
    void everyReadingUsesOnlyTheTwentySyllables() {
        assertThat(NumberSyllable.values()).hasSize(20);
        for (int n = 0; n <= 9999; n++) {
            assertThat(NORTH.readWhole(n)).doesNotContain(NumberSyllable.NGAN, NumberSyllable.LE);
            assertThat(SOUTH.readWhole(n)).doesNotContain(NumberSyllable.NGHIN, NumberSyllable.LINH);
        }
    }

    @Test
    void rejectsWhatIsNotANumberItCanRead() {
        assertThatThrownBy(() -> NORTH.read("12a", ReadingMode.WHOLE)).hasMessageContaining("12a");
        assertThatThrownBy(() -> NORTH.read("", ReadingMode.DIGITS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NORTH.read("1000000", ReadingMode.WHOLE)).hasMessageContaining("too large");
        assertThatThrownBy(() -> NORTH.readWhole(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matchesTheGoldenTableInBothDialectsAndBothModes() throws IOException {
        List<String> lines = Files.readAllLines(GOLDEN, StandardCharsets.UTF_8);
        List<String> actual = new ArrayList<>();
        int rows = 0;
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                actual.add(line);
                continue;
            }
            String digits = line.split("\\|", -1)[0].strip();
            actual.add(row(digits));
            rows++;
        }
        if (Boolean.getBoolean("golden.update")) {
            Files.write(GOLDEN, actual, StandardCharsets.UTF_8);
            lines = actual;
        }
        assertThat(rows).isGreaterThanOrEqualTo(100);
        assertThat(actual).containsExactlyElementsOf(lines);
    }

    private static String row(String digits) {
        return String.join(
                " | ",
                digits,
                VietnameseNumberReader.text(NORTH.read(digits, ReadingMode.WHOLE)),
                VietnameseNumberReader.text(SOUTH.read(digits, ReadingMode.WHOLE)),
                VietnameseNumberReader.text(NORTH.read(digits, ReadingMode.DIGITS)),
                VietnameseNumberReader.text(SOUTH.read(digits, ReadingMode.DIGITS)));
    }
}
