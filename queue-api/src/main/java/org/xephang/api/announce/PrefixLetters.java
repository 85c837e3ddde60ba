package org.xephang.api.announce;

import java.util.Map;
import java.util.Optional;

/**
 * The Vietnamese names of the ticket prefix letters, as they are spoken in announcements (docs/domain-vn.md §4): A "a",
 * B "bê", C "xê", Đ "đê", L "e-lờ", S "ét-xì", X "ích-xì"…. Letters outside the Vietnamese alphabet (F, J, W, Z) have
 * their usual spoken names too, so any capital letter can be a prefix. Pure and thread-safe.
 */
public final class PrefixLetters {

    private static final Map<Character, String> NAMES = Map.ofEntries(
            Map.entry('A', "a"),
            Map.entry('B', "bê"),
            Map.entry('C', "xê"),
            Map.entry('D', "dê"),
            Map.entry('Đ', "đê"),
            Map.entry('E', "e"),
            Map.entry('F', "ép"),
            Map.entry('G', "giê"),
            Map.entry('H', "hát"),
            Map.entry('I', "i"),
            Map.entry('J', "gi"),
            Map.entry('K', "ca"),
            Map.entry('L', "e-lờ"),
            Map.entry('M', "em-mờ"),
            Map.entry('N', "en-nờ"),
            Map.entry('O', "o"),
            Map.entry('P', "pê"),
            Map.entry('Q', "quy"),
            Map.entry('R', "e-rờ"),
            Map.entry('S', "ét-xì"),
            Map.entry('T', "tê"),
            Map.entry('U', "u"),
            Map.entry('V', "vê"),
            Map.entry('W', "vê kép"),
            Map.entry('X', "ích-xì"),
            Map.entry('Y', "i dài"),
            Map.entry('Z', "dét"));

    private PrefixLetters() {}

    /** The letters that have a spoken name: A–Z and Đ. */
    public static java.util.Set<Character> supported() {
        return NAMES.keySet();
    }

    /** The spoken name of a capital letter ("bê" for B), or empty if it has none. */
    public static Optional<String> spokenName(char letter) {
        return Optional.ofNullable(NAMES.get(letter));
    }

    /** The clip of a capital letter: {@code letter-a} … {@code letter-z}, and {@code letter-dd} for Đ. */
    public static String clip(char letter) {
        if (!NAMES.containsKey(letter)) {
            throw new IllegalArgumentException("no spoken name for prefix letter: " + letter);
        }
        return letter == 'Đ' ? "letter-dd" : "letter-" + Character.toLowerCase(letter);
    }
}
