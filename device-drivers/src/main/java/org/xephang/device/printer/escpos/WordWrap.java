package org.xephang.device.printer.escpos;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Greedy word wrapping for a measure of "fits on one line" (characters in text mode, dots in raster). Pure. */
final class WordWrap {

    private WordWrap() {}

    /**
     * Splits {@code text} at spaces into lines that each {@code fits}; a word too long for a line on its own is cut
     * between characters.
     */
    static List<String> wrap(String text, Predicate<String> fits) {
        List<String> lines = new ArrayList<>();
        String line = "";
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (fits.test(candidate)) {
                line = candidate;
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line);
            }
            line = word;
            while (line.length() > 1 && !fits.test(line)) {
                int cut = line.length() - 1;
                while (cut > 1 && !fits.test(line.substring(0, cut))) {
                    cut--;
                }
                lines.add(line.substring(0, cut));
                line = line.substring(cut);
            }
        }
        lines.add(line);
        return lines;
    }
}
