package org.xephang.device.led;

import java.util.HexFormat;

/** Hex for golden byte assertions: "01 06 00 00" style. */
final class Hex {

    private Hex() {}

    static byte[] bytes(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    static String of(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }
}
