package org.xephang.api.announce;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reads numbers aloud in Vietnamese, as the syllables of docs/domain-vn.md §4: {@code 1023} → một nghìn không trăm hai
 * mươi ba; {@code 21} → hai mươi mốt; {@code 105} → một trăm linh năm (south: lẻ năm). Whole numbers up to
 * {@value #MAX_WHOLE} need only the 20 {@link NumberSyllable}s. Pure, immutable and thread-safe.
 */
public final class VietnameseNumberReader {

    /** The largest whole number read ("chín trăm chín mươi chín nghìn chín trăm chín mươi chín"). */
    public static final int MAX_WHOLE = 999_999;

    private final Dialect dialect;

    public VietnameseNumberReader(Dialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /**
     * Reads a printed digit string in the given mode: whole mode reads its value (leading zeros unspoken, "007" →
     * bảy), digit mode reads every printed digit ("007" → không không bảy).
     *
     * @throws IllegalArgumentException if {@code digits} is empty, holds anything but ASCII digits, or exceeds
     *     {@link #MAX_WHOLE} in whole mode
     */
    public List<NumberSyllable> read(String digits, ReadingMode mode) {
        if (digits == null || digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a string of digits: " + digits);
        }
        if (mode == ReadingMode.DIGITS) {
            return digits.chars().mapToObj(c -> NumberSyllable.digit(c - '0')).toList();
        }
        String significant = digits.replaceFirst("^0+(?=.)", "");
        if (significant.length() > 6) {
            throw new IllegalArgumentException("number too large to read (max " + MAX_WHOLE + "): " + digits);
        }
        return readWhole(Integer.parseInt(significant));
    }

    /**
     * Reads a whole number from 0 to {@link #MAX_WHOLE}.
     *
     * @throws IllegalArgumentException outside that range
     */
    public List<NumberSyllable> readWhole(int number) {
        if (number < 0 || number > MAX_WHOLE) {
            throw new IllegalArgumentException("number out of range 0–" + MAX_WHOLE + ": " + number);
        }
        if (number == 0) {
            return List.of(NumberSyllable.KHONG);
        }
        List<NumberSyllable> out = new ArrayList<>();
        int thousands = number / 1000;
        int rest = number % 1000;
        if (thousands > 0) {
            readGroup(thousands, false, out);
            out.add(dialect == Dialect.NORTH ? NumberSyllable.NGHIN : NumberSyllable.NGAN);
            if (rest > 0) {
                readGroup(rest, true, out);
            }
        } else {
            readGroup(rest, false, out);
        }
        return List.copyOf(out);
    }

    /** The syllables joined by single spaces ("hai mươi mốt"). */
    public static String text(List<NumberSyllable> syllables) {
        return syllables.stream().map(NumberSyllable::text).collect(Collectors.joining(" "));
    }

    /**
     * Reads a group of three digits (1–999). A group after a thousands group is read in full, so its zero hundreds
     * are spoken ("không trăm") and a zero tens digit before units is "linh"/"lẻ".
     */
    private void readGroup(int group, boolean afterThousands, List<NumberSyllable> out) {
        int hundreds = group / 100;
        int tens = group / 10 % 10;
        int units = group % 10;
        boolean hundredsSpoken = hundreds > 0 || afterThousands;
        if (hundredsSpoken) {
            out.add(NumberSyllable.digit(hundreds));
            out.add(NumberSyllable.TRAM);
        }
        if (tens == 0) {
            if (units > 0) {
                if (hundredsSpoken) {
                    out.add(dialect == Dialect.NORTH ? NumberSyllable.LINH : NumberSyllable.LE);
                }
                out.add(NumberSyllable.digit(units));
            }
            return;
        }
        if (tens == 1) {
            out.add(NumberSyllable.MUOI_TEN);
        } else {
            out.add(NumberSyllable.digit(tens));
            out.add(NumberSyllable.MUOI_TENS);
        }
        if (units > 0) {
            out.add(unitsAfterTens(tens, units));
        }
    }

    /** Units after a non-zero tens digit: lăm after any tens, mốt and tư after tens of two or more. */
    private static NumberSyllable unitsAfterTens(int tens, int units) {
        if (units == 5) {
            return NumberSyllable.LAM_FINAL;
        }
        if (tens >= 2 && units == 1) {
            return NumberSyllable.MOT_FINAL;
        }
        if (tens >= 2 && units == 4) {
            return NumberSyllable.TU_FINAL;
        }
        return NumberSyllable.digit(units);
    }
}
