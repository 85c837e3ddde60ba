package org.xephang.device.printer.escpos;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TCVN-3 (TCVN 5712:1993 VN3, "ABC") for printers with Epson's tables 30 (TCVN-3, lower case) and 31 (TCVN-3, upper
 * case). Java has no such charset, so the table is here.
 *
 * <p>TCVN-3 has the 67 lower-case Vietnamese letters (the 66 vowels with and without tone, and đ) at 0xA8–0xFE, and
 * only the seven toneless capitals Ă Â Ê Ô Ơ Ư Đ at 0xA1–0xA7. The upper-case table draws capitals at the lower-case
 * positions, so a capital with a tone is sent as its lower-case byte while table 31 is selected. ASCII capitals,
 * digits and punctuation print the same in both tables; ASCII small letters only in table 30.
 *
 * <p>Pure functions; safe from any thread.
 */
public final class Tcvn3 {

    /** Which code table a character needs. */
    public enum Table {
        /** Prints the same in both tables. */
        EITHER,
        /** Table 30 (lower case). */
        LOWER,
        /** Table 31 (upper case). */
        UPPER
    }

    /** One encoded character: the byte and the table it must be printed in. */
    public record Glyph(byte code, Table table) {}

    /** The 67 lower-case letters in byte order from 0xA8. Index i has the byte in {@link #LOWER_CODES}. */
    private static final String LOWER_LETTERS = "ăâêôơưđ" + "àảãáạ" + "ằẳẵắặ" + "ầẩẫấậ" + "èẻẽéẹ" + "ềểễếệ" + "ìỉĩíị"
            + "òỏõóọ" + "ồổỗốộ" + "ờởỡớợ" + "ùủũúụ" + "ừửữứự" + "ỳỷỹýỵ";

    private static final int[] LOWER_CODES = {
        0xA8,
        0xA9,
        0xAA,
        0xAB,
        0xAC,
        0xAD,
        0xAE, // ă â ê ô ơ ư đ
        0xB5,
        0xB6,
        0xB7,
        0xB8,
        0xB9, // à ả ã á ạ
        0xBB,
        0xBC,
        0xBD,
        0xBE,
        0xC6, // ằ ẳ ẵ ắ ặ
        0xC7,
        0xC8,
        0xC9,
        0xCA,
        0xCB, // ầ ẩ ẫ ấ ậ
        0xCC,
        0xCE,
        0xCF,
        0xD0,
        0xD1, // è ẻ ẽ é ẹ
        0xD2,
        0xD3,
        0xD4,
        0xD5,
        0xD6, // ề ể ễ ế ệ
        0xD7,
        0xD8,
        0xDC,
        0xDD,
        0xDE, // ì ỉ ĩ í ị
        0xDF,
        0xE1,
        0xE2,
        0xE3,
        0xE4, // ò ỏ õ ó ọ
        0xE5,
        0xE6,
        0xE7,
        0xE8,
        0xE9, // ồ ổ ỗ ố ộ
        0xEA,
        0xEB,
        0xEC,
        0xED,
        0xEE, // ờ ở ỡ ớ ợ
        0xEF,
        0xF1,
        0xF2,
        0xF3,
        0xF4, // ù ủ ũ ú ụ
        0xF5,
        0xF6,
        0xF7,
        0xF8,
        0xF9, // ừ ử ữ ứ ự
        0xFA,
        0xFB,
        0xFC,
        0xFD,
        0xFE // ỳ ỷ ỹ ý ỵ
    };

    /** The toneless capitals that TCVN-3 has in its own right, from 0xA1. */
    private static final String BASE_CAPITALS = "ĂÂÊÔƠƯĐ";

    private static final Map<Character, Glyph> ENCODE = new HashMap<>();
    private static final Map<Integer, Character> DECODE_LOWER = new HashMap<>();
    private static final Map<Integer, Character> DECODE_UPPER = new HashMap<>();

    static {
        if (LOWER_LETTERS.length() != 67 || LOWER_CODES.length != 67) {
            throw new ExceptionInInitializerError("TCVN-3 table must have 67 letters");
        }
        for (int i = 0; i < 67; i++) {
            char lower = LOWER_LETTERS.charAt(i);
            char upper = Character.toUpperCase(lower);
            int code = LOWER_CODES[i];
            ENCODE.put(lower, new Glyph((byte) code, Table.LOWER));
            DECODE_LOWER.put(code, lower);
            DECODE_UPPER.put(code, upper);
            if (BASE_CAPITALS.indexOf(upper) < 0) {
                ENCODE.put(upper, new Glyph((byte) code, Table.UPPER));
            }
        }
        for (int i = 0; i < BASE_CAPITALS.length(); i++) {
            char capital = BASE_CAPITALS.charAt(i);
            ENCODE.put(capital, new Glyph((byte) (0xA1 + i), Table.EITHER));
            DECODE_LOWER.put(0xA1 + i, capital);
            DECODE_UPPER.put(0xA1 + i, capital);
        }
        // Latin letters with tone marks that are also plain Latin-1 (á, à, ã…) are covered above; Vietnamese has
        // no other letters. Typographic punctuation gets ASCII stand-ins.
    }

    private Tcvn3() {}

    /** The capitals and small letters of Vietnamese, for tests: every letter with every tone, both cases. */
    public static String allVietnameseLetters() {
        StringBuilder sb = new StringBuilder();
        for (char c : "aeiouy".toCharArray()) {
            sb.append(c);
        }
        sb.append(LOWER_LETTERS);
        return sb + sb.toString().toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * Encodes one line of text. Characters TCVN-3 cannot show become ASCII stand-ins ({@code –}→{@code -},
     * {@code •}→{@code *}, curly quotes → straight) or {@code ?}.
     */
    public static List<Glyph> encode(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        List<Glyph> out = new ArrayList<>(nfc.length());
        for (int i = 0; i < nfc.length(); i++) {
            char c = nfc.charAt(i);
            Glyph glyph = ENCODE.get(c);
            if (glyph != null) {
                out.add(glyph);
            } else if (c >= 'a' && c <= 'z') {
                out.add(new Glyph((byte) c, Table.LOWER));
            } else if (c >= 0x20 && c < 0x7F) {
                out.add(new Glyph((byte) c, Table.EITHER));
            } else {
                out.add(new Glyph((byte) standIn(c), Table.EITHER));
            }
        }
        return out;
    }

    private static char standIn(char c) {
        return switch (c) {
            case '–', '—', '−' -> '-';
            case '•', '·' -> '*';
            case '‘', '’' -> '\'';
            case '“', '”' -> '"';
            case '\u00A0' -> ' ';
            case '…' -> '.';
            default -> '?';
        };
    }

    /** Whether {@code c} prints exactly (not as a stand-in). */
    public static boolean canShow(char c) {
        return ENCODE.containsKey(c) || (c >= 0x20 && c < 0x7F);
    }

    /**
     * Decodes one byte printed in a TCVN-3 table (for simulators and tests).
     *
     * @param upperTable whether table 31 was selected
     */
    public static char decode(byte code, boolean upperTable) {
        int b = code & 0xFF;
        if (b < 0x80) {
            char c = (char) b;
            return upperTable ? Character.toUpperCase(c) : c;
        }
        Character c = (upperTable ? DECODE_UPPER : DECODE_LOWER).get(b);
        return c == null ? '\uFFFD' : c;
    }
}
