package org.xephang.device.led;

import java.util.HashMap;
import java.util.Map;

/**
 * Glyphs of a 7-segment digit: bit 0 = segment a (top), b, c, d, e, f, bit 6 = g (middle), bit 7 = decimal point.
 * Letters a 7-segment display cannot show recognisably (K, M, V, W, X, Z…) have no glyph.
 */
final class SevenSegmentFont {

    private static final Map<Character, Integer> GLYPHS = new HashMap<>();
    private static final Map<Integer, Character> CHARACTERS = new HashMap<>();

    static {
        glyph(' ', 0x00);
        glyph('0', 0x3F);
        glyph('1', 0x06);
        glyph('2', 0x5B);
        glyph('3', 0x4F);
        glyph('4', 0x66);
        glyph('5', 0x6D);
        glyph('6', 0x7D);
        glyph('7', 0x07);
        glyph('8', 0x7F);
        glyph('9', 0x6F);
        glyph('A', 0x77);
        glyph('B', 0x7C); // b
        glyph('C', 0x39);
        glyph('D', 0x5E); // d
        glyph('E', 0x79);
        glyph('F', 0x71);
        glyph('G', 0x3D);
        glyph('H', 0x76);
        glyph('I', 0x30);
        glyph('J', 0x1E);
        glyph('L', 0x38);
        glyph('N', 0x54); // n
        glyph('O', 0x5C); // o, so that it differs from 0
        glyph('P', 0x73);
        glyph('Q', 0x67); // q
        glyph('R', 0x50); // r
        glyph('T', 0x78); // t
        glyph('U', 0x3E);
        glyph('Y', 0x6E); // y
        encodeOnly('S', 0x6D); // same as 5: reads as S next to letters
        glyph('-', 0x40);
        glyph('_', 0x08);
    }

    private SevenSegmentFont() {}

    private static void encodeOnly(char c, int segments) {
        GLYPHS.put(c, segments);
    }

    private static void glyph(char c, int segments) {
        GLYPHS.put(c, segments);
        CHARACTERS.put(segments, c);
    }

    /** The segments of {@code c} (case-insensitive), or -1 when it has no glyph. */
    static int segments(char c) {
        return GLYPHS.getOrDefault(Character.toUpperCase(c), -1);
    }

    /** The character a glyph shows (decimal point ignored), or '?' for an unknown pattern. */
    static char character(int segments) {
        return CHARACTERS.getOrDefault(segments & 0x7F, '?');
    }
}
