package org.xephang.core.appointment;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A booking's code: {@value #LENGTH} characters from an alphabet without look-alikes (no 0/O, 1/I/L), about 39 bits,
 * so that it can be read aloud, typed on the kiosk's keypad and not guessed within the abuse limits. Pure.
 */
public final class BookingCode {

    /** Digits and capital letters that cannot be mistaken for one another. */
    public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static final int LENGTH = 8;

    private static final RandomGenerator RANDOM = new SecureRandom();

    private BookingCode() {}

    /** A new random code from a secure random source. */
    public static String generate() {
        return generate(RANDOM);
    }

    /** A new code from {@code random} (tests pass a seeded one). */
    public static String generate(RandomGenerator random) {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /**
     * The code as typed or scanned, read leniently (case, spaces and dashes ignored), or empty when it cannot be a code
     * (wrong length, or a character outside the alphabet).
     */
    public static Optional<String> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (code.length() != LENGTH || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(code);
    }
}
