package org.xephang.device.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xephang.device.scanner.ScannedPayload.DossierCode;
import org.xephang.device.scanner.ScannedPayload.TicketReference;
import org.xephang.device.scanner.ScannedPayload.Unreadable;

class ScannedPayloadParserTest {

    private final ScannedPayloadParser parser = new ScannedPayloadParser();

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "H21.65-231122-0001|H21.65-231122-0001",
                "  h21.65-231122-0001 \t|H21.65-231122-0001",
                "000.00.15.H56 - 231122 - 00012|000.00.15.H56-231122-00012",
            })
    void bareStandardCodesAreNormalised(String scanned, String code) {
        assertThat(parser.parse(scanned)).isEqualTo(new DossierCode(code, true));
    }

    @Test
    void otherVendorFormatsAreAcceptedButNotMarkedStandard() {
        assertThat(parser.parse("hs/2023/00123")).isEqualTo(new DossierCode("HS/2023/00123", false));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?MaHoSo=H21.65-231122-0001",
                "https://motcua.example.vn/tra-cuu?lang=vi&maSo=h21.65-231122-0001#top",
                "http://10.0.0.5:8080/lookup?CODE=H21.65-231122-0001",
                "https://x.vn/a?code=H21.65%2D231122%2D0001",
            })
    void urlsCarryingTheCodeInAKnownParameterYieldTheCode(String scanned) {
        assertThat(parser.parse(scanned)).isEqualTo(new DossierCode("H21.65-231122-0001", true));
    }

    @ParameterizedTest
    @CsvSource({
        "https://xephang.phuong1.gov.vn/t/Q7x-9_kLmN2pR4sT, Q7x-9_kLmN2pR4sT",
        "http://127.0.0.1:8080/t/abcdEFGH1234/, abcdEFGH1234",
        "https://host/some/prefix/t/zzzz9999?utm=qr, zzzz9999",
    })
    void ourTicketStatusUrlsYieldTheTicketIdWithItsCaseKept(String scanned, String id) {
        assertThat(parser.parse(scanned)).isEqualTo(new TicketReference(id));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://example.com/",
                "https://example.com/page?id=5",
                "https://x.vn/a?code=",
                "https://x.vn/a?code=%ZZ",
            })
    void foreignUrlsAreUnreadableWithAVietnameseMessage(String scanned) {
        assertThat(parser.parse(scanned))
                .isInstanceOfSatisfying(
                        Unreadable.class, u -> assertThat(u.message()).startsWith("Không đọc được mã hồ sơ"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\u0000\u0007\r\n", "HELLO", "ab", "hồ sơ", "<script>alert(1)</script>"})
    void nonCodesAreUnreadable(String scanned) {
        assertThat(parser.parse(scanned)).isInstanceOf(Unreadable.class);
    }

    @Test
    void nullIsUnreadable() {
        assertThat(parser.parse(null)).isInstanceOf(Unreadable.class);
    }

    @Test
    void controlBytesAroundAndInsideACodeAreDropped() {
        assertThat(parser.parse("\u0002H21.65-231122-0001\u0003\r\n"))
                .isEqualTo(new DossierCode("H21.65-231122-0001", true));
        assertThat(parser.parse("\u001D]Q3H21.65-231122-0001".replace("]Q3", "")))
                .isEqualTo(new DossierCode("H21.65-231122-0001", true));
    }

    @Test
    void telexTurnedDoubleDIntoDStrokeAndTheCodeIsRecovered() {
        // Scanned "DD.21-231122-0001" through Telex: "DD" became "Đ".
        assertThat(parser.parse("Đ.21-231122-0001")).isEqualTo(new DossierCode("DD.21-231122-0001", true));
        // Lower-case host "ddt" became "đt"; the code itself survived.
        assertThat(parser.parse("https://motcua.đt.gov.vn/tra-cuu?MaHoSo=H21.65-231122-0001"))
                .isEqualTo(new DossierCode("H21.65-231122-0001", true));
    }

    @Test
    void telexToneKeysInAQueryParameterNameAreUndone() {
        // "MaHoSo" typed with Telex: the S after "o" put a sắc tone on it and then "o" followed.
        assertThat(parser.parse("https://x.vn/tra-cuu?MaHóo=H21.65-231122-0001"))
                .isEqualTo(new DossierCode("H21.65-231122-0001", true));
    }

    @Test
    void vniDigitsTurnedIntoTonesAreUndone() {
        // VNI: "a1" is "á". Code "HA1.65-231122-0001" came through as "HÁ.65-231122-0001".
        ScannedPayloadParser vni = new ScannedPayloadParser(ScannedPayloadParser.InputMethod.VNI);
        assertThat(vni.parse("HÁ.65-231122-0001")).isEqualTo(new DossierCode("HA1.65-231122-0001", true));
        // The default (Telex) reads the same letter as "AS".
        assertThat(parser.parse("HÁ.65-231122-0001")).isEqualTo(new DossierCode("HAS.65-231122-0001", true));
    }

    @Test
    void aRecoveryWithTwoPossibleReadingsIsRefusedRatherThanGuessed() {
        // "Hóc…": the tone key S came right after "o" ("HOSC") or at the end of the word ("HOCS")?
        assertThat(parser.parse("Hóc.21-231122-0001"))
                .isInstanceOfSatisfying(
                        Unreadable.class, u -> assertThat(u.reason()).contains("several"));
    }

    @Test
    void withoutAnInputMethodToUndoVietnameseLettersAreUnreadable() {
        ScannedPayloadParser none = new ScannedPayloadParser(ScannedPayloadParser.InputMethod.NONE);
        assertThat(none.parse("Đ.21-231122-0001")).isInstanceOf(Unreadable.class);
    }

    @Test
    void mangledInputThatCannotBeRecoveredAsksToSwitchTheInputMethodOff() {
        assertThat(parser.parse("đđđ ươ"))
                .isInstanceOfSatisfying(
                        Unreadable.class,
                        u -> assertThat(u.message())
                                .startsWith("Không đọc được mã hồ sơ")
                                .contains("tắt bộ gõ tiếng Việt"));
    }

    @Test
    void veryLongInputIsUnreadableWithoutBeingExamined() {
        String huge = "H21.65-231122-0001".repeat(100_000);
        assertThat(parser.parse(huge)).isInstanceOf(Unreadable.class);
        assertThat(parser.parse("https://x.vn/a?code=" + "9".repeat(2000))).isInstanceOf(Unreadable.class);
    }

    @Test
    void randomGarbageNeverThrowsAndAlwaysGivesAnAnswerWithAVietnameseMessageWhenUnreadable() {
        Random random = new Random(20261122);
        String alphabet = "Hh21.65-/?=&%#:t_ MaHoSocode\u0000\u0007\r\n\tđĐâăêôơưáàảãạ\uFEFF\u200B€😀";
        for (int run = 0; run < 5_000; run++) {
            StringBuilder input = new StringBuilder();
            int length = random.nextInt(run % 100 == 0 ? 3000 : 60);
            for (int i = 0; i < length; i++) {
                input.append(
                        random.nextInt(4) == 0
                                ? (char) random.nextInt(0x10000)
                                : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            ScannedPayload payload = parser.parse(input.toString());
            assertThat(payload).as("input #%d", run).isNotNull();
            if (payload instanceof Unreadable u) {
                assertThat(u.message()).startsWith("Không đọc được mã hồ sơ");
            } else if (payload instanceof DossierCode c) {
                assertThat(c.code()).matches("[0-9A-Z][0-9A-Z._/-]{2,59}");
            }
        }
    }

    @Test
    void everyStandardCodeSurvivesRandomSpacesCaseAndControlBytes() {
        Random random = new Random(7);
        for (int run = 0; run < 5_000; run++) {
            String code = randomStandardCode(random);
            StringBuilder noisy = new StringBuilder();
            for (char c : code.toCharArray()) {
                if (random.nextInt(8) == 0) {
                    noisy.append(random.nextBoolean() ? ' ' : '\u0003');
                }
                noisy.append(random.nextBoolean() ? Character.toLowerCase(c) : c);
            }
            assertThat(parser.parse(noisy + "\r")).as(noisy.toString()).isEqualTo(new DossierCode(code, true));
        }
    }

    private static String randomStandardCode(Random random) {
        String unitChars = "0123456789ABCDEFGHKLMNPQRSTUVXY.";
        StringBuilder unit = new StringBuilder();
        unit.append((char) ('A' + random.nextInt(26)));
        for (int i = 0; i < 2 + random.nextInt(12); i++) {
            unit.append(unitChars.charAt(random.nextInt(unitChars.length())));
        }
        return unit
                + String.format(
                        "-%06d-%0" + (4 + random.nextInt(2)) + "d", random.nextInt(1_000_000), random.nextInt(10_000));
    }
}
