package org.xephang.device.printer.escpos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xephang.device.InvalidDeviceUriException;
import org.xephang.device.printer.Align;
import org.xephang.device.printer.TextSize;
import org.xephang.device.printer.TicketDocument;

class EscPosEncoderTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    private static List<String> hex(EscPosJob job) {
        return job.commands().stream().map(c -> HEX.formatHex(c.bytes())).toList();
    }

    @Test
    void nativeQrUsesModel2AndCountsStoreLengthInBytes() throws Exception {
        TicketDocument doc = TicketDocument.builder().qr("https://x.vn/t/1", 6).build();

        List<String> cmds = hex(new EscPosEncoder(PrinterProfile.TM_T20III, EscPosMode.HYBRID).encode(doc));

        assertThat(cmds)
                .containsSubsequence(
                        "1D 28 6B 04 00 31 41 32 00",
                        "1D 28 6B 03 00 31 43 06",
                        "1D 28 6B 03 00 31 45 31",
                        "1D 28 6B 13 00 31 50 30 68 74 74 70 73 3A 2F 2F 78 2E 76 6E 2F 74 2F 31",
                        "1D 28 6B 03 00 31 51 30");
    }

    @Test
    void code128CountsItsLengthInBytesIncludingTheCodeSetPrefix() throws Exception {
        TicketDocument doc = TicketDocument.builder().code128("HS-2026-0001").build();

        List<String> cmds = hex(new EscPosEncoder(PrinterProfile.TM_T20III, EscPosMode.TEXT).encode(doc));

        assertThat(cmds).contains("1D 68 50", "1D 77 02", "1D 48 02");
        assertThat(cmds).contains("1D 6B 49 0E 7B 42 48 53 2D 32 30 32 36 2D 30 30 30 31");
    }

    @Test
    void jobStartsWithInitialiseAndEndsWithFeedAndPartialCut() throws Exception {
        TicketDocument doc =
                TicketDocument.builder().text("A", Align.LEFT).cut().build();

        List<String> cmds = hex(new EscPosEncoder(PrinterProfile.TM_T20III, EscPosMode.TEXT).encode(doc));

        assertThat(cmds.get(0)).isEqualTo("1B 40");
        assertThat(cmds.get(cmds.size() - 1)).isEqualTo("1D 56 42 00");
    }

    @Test
    void chineseMarketProfilesLeaveDoubleByteModeAndPrintersWithoutCutterFeedInstead() throws Exception {
        TicketDocument doc = TicketDocument.builder().cut().build();

        List<String> cmds = hex(new EscPosEncoder(PrinterProfile.GENERIC_58, EscPosMode.RASTER).encode(doc));

        assertThat(cmds).containsExactly("1B 40", "1C 2E", "1B 64 04");
    }

    @Test
    void textModeSwitchesTcvnTablesAsLetterCaseChanges() throws Exception {
        TicketDocument doc = TicketDocument.builder()
                .text("SỐ thứ", Align.LEFT, TextSize.NORMAL, false)
                .build();

        List<EscPosCommand> cmds = new EscPosEncoder(PrinterProfile.TM_T20III, EscPosMode.TEXT)
                .encode(doc)
                .commands();

        assertThat(cmds)
                .extracting(c -> HEX.formatHex(c.bytes()))
                .containsSubsequence("1B 74 1F", "53 E8 20", "1B 74 1E", "74 68 F8", "0A");
    }

    @Test
    void rasterIsSentInBandsOfAtMost255RowsWithFullWidthRows() throws Exception {
        TicketDocument doc = TicketDocument.builder()
                .qr("https://xephang.example.vn/t/01JD8Z6Q4W3X", 8)
                .build();

        EscPosJob job = new EscPosEncoder(PrinterProfile.TM_T20III, EscPosMode.RASTER).encode(doc);

        List<byte[]> bands = job.commands().stream()
                .map(EscPosCommand::bytes)
                .filter(b -> b.length > 8 && b[0] == 0x1D && b[1] == 'v')
                .toList();
        assertThat(bands).isNotEmpty();
        for (byte[] band : bands) {
            int bytesPerRow = (band[4] & 0xFF) | (band[5] & 0xFF) << 8;
            int rows = (band[6] & 0xFF) | (band[7] & 0xFF) << 8;
            assertThat(bytesPerRow).isEqualTo(72);
            assertThat(rows).isBetween(1, 255);
            assertThat(band.length).isEqualTo(8 + bytesPerRow * rows);
            assertThat(band[3]).isZero();
        }
    }

    @Test
    void everyVietnameseLetterWithEveryToneInBothCasesComesBackFromTheTextModeBytes() throws Exception {
        String letters = Tcvn3.allVietnameseLetters();
        TicketDocument.Builder doc = TicketDocument.builder();
        for (int i = 0; i < letters.length(); i += 40) {
            doc.text(letters.substring(i, Math.min(letters.length(), i + 40)), Align.LEFT);
        }

        byte[] job = new EscPosEncoder(PrinterProfile.TM_T20III, EscPosMode.TEXT)
                .encode(doc.build())
                .bytes();

        String printed =
                org.xephang.device.testkit.EscPosWalker.walk(job, 576).text().replace("\n", "");
        assertThat(printed).isEqualTo(letters);
        assertThat(letters).hasSize(2 * (6 + 67));
    }

    @Test
    void everyLetterIsSentAsTheStandardsByteInATableThatPrintsIt() throws Exception {
        EscPosEncoder encoder = new EscPosEncoder(PrinterProfile.TM_T20III, EscPosMode.TEXT);
        for (Tcvn3Letters.Letter letter : Tcvn3Letters.all()) {
            byte[] job = encoder.encode(TicketDocument.builder()
                            .text(letter.letter(), Align.LEFT)
                            .build())
                    .bytes();
            // ESC t n selects the table just before the letter's byte, then the line feed.
            assertThat(letter.tables())
                    .as(
                            "ESC t n, 0x%02X, LF for %s in %s",
                            letter.code(), letter, HexFormat.of().formatHex(job))
                    .anyMatch(table ->
                            indexOf(job, new byte[] {0x1B, 't', table.byteValue(), (byte) letter.code(), 0x0A}) >= 0);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void textModeNeedsAProfileWithTcvn3() {
        assertThatThrownBy(() -> new EscPosEncoder(PrinterProfile.XP_Q200, EscPosMode.TEXT))
                .isInstanceOf(InvalidDeviceUriException.class)
                .hasMessageContaining("xp-q200 has no TCVN-3 code table");
    }

    @Test
    void longTextWrapsAtWordsInTextMode() {
        assertThat(EscPosEncoder.wrapByChars("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", 16))
                .containsExactly("TRUNG TÂM PHỤC", "VỤ HÀNH CHÍNH", "CÔNG");
    }

    @Test
    void settingsAreSentOnlyWhenTheyChange() throws Exception {
        TicketDocument doc = TicketDocument.builder()
                .text("a", Align.CENTRE)
                .text("b", Align.CENTRE)
                .build();

        List<String> cmds = hex(new EscPosEncoder(PrinterProfile.TM_T20III, EscPosMode.TEXT).encode(doc));

        assertThat(cmds.stream().filter(c -> c.startsWith("1B 61")).count()).isEqualTo(1);
    }
}
